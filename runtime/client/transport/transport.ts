/**
 * The seam under the typed client: what the connection, cursors, packet rounds, read-back,
 * picklists and entity objects ask of a wire protocol, in the API's own terms (query trees, typed
 * entities, per-entity outcomes), with no wire format in sight. SOAP implements it in
 * runtime/client/soap/; a REST transport implements the same interface beside it. The policies
 * that keep a connection inside the API's limits (runtime/client/policies/) wrap any transport.
 *
 * A transport states what its wire allows in `capabilities`; the cursors and the write rounds read
 * them instead of assuming SOAP's. Its errors: `TransportError` / `AuthenticationError` when no
 * usable answer came, `ApiError` (or its `ThreadLimitError` / `ThresholdExceededError`) when the API
 * refused the call as a whole, `UsageError` for a value its wire cannot carry.
 */
import type { QueryTree } from '../../protocol/query/query-tree.js';
import type { EntityInfo, FieldInfo } from './info-records.js';
import type { ThresholdAndUsage } from './usage-info.js';
import type { EntityDecoder, OutgoingEntity } from './wire-entity.js';

/** What a wire allows, as the transport-independent code needs to know it. */
export interface TransportCapabilities {
  /**
   * Entities one query answer holds at most. A full page means there may be more: the cursor asks
   * for the next with `id > <last id>`; a page holding more is a misbehaving server. SOAP: 500.
   */
  readonly pageSize: number;
  /** Entities one create/update/delete call takes: an action's packet. SOAP: 200; REST: 1. */
  readonly entitiesPerWrite: number;
  /**
   * Whether one write call is one transaction: when the API refuses some of its entities, none is
   * saved, and the client sends the others again without them. SOAP: true.
   */
  readonly writeIsTransaction: boolean;
  /**
   * Whether update replaces the whole record, clearing every writable field it does not carry: then
   * only objects read from the API may be updated (others would clear what they lack). SOAP: true;
   * REST's PATCH: false.
   */
  readonly updateReplacesRecord: boolean;
}

export type WriteOperation = 'create' | 'update' | 'delete';

/** What became of one entity of a write call. */
export type EntityOutcome<T> =
  /**
   * Saved; `answer` is the entity with the id the call answered (its only field a client may rely
   * on: REST answers nothing else, and SOAP's transport reads nothing else), undefined for delete.
   */
  | { readonly status: 'saved'; readonly answer: T | undefined }
  /** The API refused this entity, for `reason` (its own message). */
  | { readonly status: 'refused'; readonly reason: string }
  /** Not saved because the call, one transaction, was refused for other entities: it may be sent again. */
  | { readonly status: 'notSaved' }
  /** The answer says nothing of it: it may or may not have been saved. */
  | { readonly status: 'unknown' };

/** A write call's answer: one outcome per entity sent, in the order sent. */
export interface WriteAnswer<T> {
  readonly outcomes: readonly EntityOutcome<T>[];
  /** Every message the API's answer held, for the action's summary. */
  readonly messages: readonly string[];
}

/**
 * An entity as the transport's wire carries it, made by `encode`; opaque to everything else. Made
 * before the call so that an entity whose values the wire cannot carry fails alone.
 */
export interface EncodedEntity {
  readonly [encodedEntity]: true;
}
declare const encodedEntity: unique symbol;

/** A file attached in Autotask, as a transport read it: its bytes and its `AttachmentInfo`. */
export interface WireAttachment<T> {
  readonly data: Uint8Array | undefined;
  readonly info: T | undefined;
}

/** Where a user's zone is, as zone discovery answers it. */
export interface ZoneInfo {
  /** The zone's API endpoint (`.../atws.asmx` for SOAP). */
  readonly url: string;
  readonly errorCode: number;
  readonly dataBaseType: string | undefined;
  readonly ci: number | undefined;
  readonly webUrl: string | undefined;
}

/**
 * One connection's calls to the API over one wire protocol.
 *
 * @example
 * const page = await transport.query({ entity: 'Ticket', root }, decode); // at most capabilities.pageSize
 */
export interface Transport {
  readonly capabilities: TransportCapabilities;
  /** The endpoint every request goes to. */
  readonly url: string;
  /** The API user the calls are made as. */
  readonly username: string | undefined;
  /** Requests sent so far (retries included). */
  readonly requestCount: number;

  /**
   * One page of a query: its entities in ascending id order, each made by `decode` as it arrives.
   * Fails (ApiError) when the API refuses the query, and as soon as an answer holds more than
   * `capabilities.pageSize` entities.
   */
  query<T>(tree: QueryTree, decode: EntityDecoder<T>): Promise<T[]>;
  /** Checks and encodes one entity for a write call; throws UsageError for a value the wire cannot carry. */
  encode(operation: WriteOperation, entity: OutgoingEntity): EncodedEntity;
  /**
   * One write call of at most `capabilities.entitiesPerWrite` entities of `entityType` (the first's
   * type, which the thread limit counts the call against): an outcome for each. Throws when the
   * call got no usable answer or was refused as a whole.
   */
  write<T>(operation: WriteOperation, entityType: string, entities: readonly EncodedEntity[], decode: EntityDecoder<T>): Promise<WriteAnswer<T>>;
  /** Every field of an entity type as the API describes it (picklist values included). */
  fieldInfo(entityType: string): Promise<FieldInfo[]>;
  /** The user-defined fields of an entity type. */
  udfInfo(entityType: string): Promise<FieldInfo[]>;
  /** What each entity type allows. */
  entityInfo(): Promise<EntityInfo[]>;
  /** The API request budget and how much of it is used. */
  thresholdAndUsage(): Promise<ThresholdAndUsage>;
  /** An invoice's markup; undefined when the API has none for it. */
  invoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string | undefined>;
  /** The version of the API the endpoint serves (SOAP: its WSDL version). */
  apiVersion(): Promise<string>;
  /** An attachment; undefined when there is none with that id. */
  getAttachment<T>(attachmentId: number, decode: EntityDecoder<T>): Promise<WireAttachment<T> | undefined>;
  /** Attaches a file described by its `AttachmentInfo`; resolves to the new attachment's id. Never retried. */
  createAttachment(data: Uint8Array, info: OutgoingEntity): Promise<number>;
  /** Deletes an attachment; resolves to the API's message (empty on success). */
  deleteAttachment(attachmentId: number): Promise<string>;
  /** Closes idle connections; the transport may still be used. */
  close(): void;
}
