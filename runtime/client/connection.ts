/**
 * A connection to one Autotask zone: queries, create/update/delete, picklists, field and UDF info,
 * invoice markup, usage and attachments, typed by the generated code of the API version in use.
 */
import { ApiError, AtwsError, UsageError } from '../errors.js';
import {
  missingRequiredFields,
  requiredFieldsMessage,
  type CanCreate,
  type CanDelete,
  type CanUpdate,
  type EntityBase,
  type EntityBinding,
  type OfApiVersion,
  type Stored,
} from '../entity/entity-base.js';
import type { ApiVersion, FieldValue } from '../metadata.js';
import type { Query, QueryableEntityName } from '../query/query.js';
import type { FieldNode, QueryNode, QueryTree } from '../query/query-tree.js';
import { writeQueryXml } from '../query/queryxml-writer.js';
import { childElement, childText } from '../xml/xml-tree.js';
import { writeEntityXml } from '../xml/entity-writer.js';
import { ActionCursor, type ActionInput, type PacketOutcome } from './action-cursor.js';
import type { ApiModule, EntityMapOf, MetadataOf } from './api-registry.js';
import { copyEntityInto, entityClassOf, entityXml, makeEntityDecoder } from './entity-codec.js';
import type { HttpTransport } from './http-transport.js';
import { readEntityInfos, readFieldInfos, type EntityInfo, type FieldInfo } from './info-records.js';
import { packetFailure, packetOutcome, type ActionOperation } from './packet-outcome.js';
import { makeEntityPicklists, type EntityPicklists, type PicklistOptions } from './picklists.js';
import { QueryCursor } from './query-cursor.js';
import { validateQuery } from './query-validation.js';
import { param, type SoapClient } from './soap-client.js';
import { parseThresholdMessage, type ThresholdAndUsage } from './usage-info.js';
import type { ZoneInfo } from './zone-discovery.js';

/** Entity type names of an API version. */
export type EntityName<V extends ApiVersion> = keyof EntityMapOf<V> & string;
/** Entity type names of an API version that the API lets one query. */
export type QueryableName<V extends ApiVersion> = QueryableEntityName<EntityMapOf<V>>;
/** The generated class instance type of an entity. */
export type EntityOf<V extends ApiVersion, E extends EntityName<V>> = EntityMapOf<V>[E] extends { entity: infer T extends EntityBase } ? T : never;
/**
 * The values `at.new(entity, values)` takes: for an entity the API creates, its complete create
 * input (every required field, those set once on create included), so that an incomplete one does not
 * compile; for others, any of its update fields. (`at.new(entity)` alone, then `set`, stays possible;
 * the required fields are then checked at run time before any request.)
 */
export type NewValues<V extends ApiVersion, E extends EntityName<V>> = EntityMapOf<V>[E] extends {
  entity: CanCreate;
  create: infer C;
}
  ? C
  : EntityMapOf<V>[E] extends { update: infer U }
    ? Partial<U>
    : never;
/** The generated metadata of an entity. */
export type EntityMetaOf<V extends ApiVersion, E extends EntityName<V>> = MetadataOf<V>['entities'] extends infer M
  ? E extends keyof M ? M[E] : never
  : never;

/** A file attached in Autotask: its bytes and its `AttachmentInfo`. */
export interface Attachment {
  readonly data: Buffer | undefined;
  readonly info: EntityBase | undefined;
}

/** What `createAttachment` takes: the bytes and the `AttachmentInfo` fields (ParentID, ParentType, Type, Title, FullPath, Publish, ...). */
export interface NewAttachment {
  readonly data: Uint8Array;
  readonly info: Readonly<Record<string, FieldValue>> | EntityBase;
}

/** At most this many ids per query of `fetchByIds`. */
export const FETCH_BY_IDS_CHUNK = 200;

export interface ConnectionParts<V extends ApiVersion> {
  readonly apiVersion: V;
  readonly api: ApiModule;
  readonly soap: SoapClient;
  readonly transport: HttpTransport;
  readonly zone: ZoneInfo | undefined;
  readonly concurrency: number;
}

/**
 * An open connection; made by {@link connect}.
 *
 * @example
 * const tickets = await at.query(new Query('Ticket').where('Status', 'Equals', 1)).fetchAll();
 */
export class Connection<V extends ApiVersion = '1.6'> {
  /** The API version spoken. */
  readonly apiVersion: V;
  /** The zone endpoint (`.../atws.asmx`) every request goes to. */
  readonly url: string;
  /** What zone discovery answered (undefined when `url` was given). */
  readonly zone: ZoneInfo | undefined;
  /** Requests one cursor keeps in flight. */
  readonly concurrency: number;
  private readonly api: ApiModule;
  private readonly soap: SoapClient;
  private readonly transport: HttpTransport;
  private readonly fieldInfoCache = new Map<string, Promise<FieldInfo[]>>();
  private readonly picklistCache = new Map<string, Promise<unknown>>();
  private readonly binding: EntityBinding;

  constructor(parts: ConnectionParts<V>) {
    this.apiVersion = parts.apiVersion;
    this.api = parts.api;
    this.soap = parts.soap;
    this.transport = parts.transport;
    this.zone = parts.zone;
    this.url = parts.soap.endpoint;
    this.concurrency = parts.concurrency;
    this.binding = {
      create: async (entity) => this.applyOne(entity, await single(this.create(entity as EntityBase & CanCreate & OfApiVersion<V>).fetchOne()), 'create'),
      update: async (entity) => this.applyOne(entity, await single(this.update(entity as EntityBase & CanUpdate & OfApiVersion<V>).fetchOne()), 'update'),
      reload: async (entity) => {
        const id = (entity as { id?: number }).id;
        if (typeof id !== 'number') throw new UsageError(`${entity.entityName}.reload(): the object has no id yet; create it first`);
        const fresh = await this.fetchByIds(entity.entityName as QueryableName<V>, [id]).fetchOne();
        if (fresh === undefined) {
          throw new ApiError(`${entity.entityName} ${id} no longer exists`, { operation: 'query', messages: [] });
        }
        copyEntityInto(entity, fresh as EntityBase);
      },
      delete: async (entity) => {
        await single(this.delete(entity as EntityBase & CanDelete & OfApiVersion<V>).execute());
      },
    };
  }

  /** The generated metadata of the version in use. */
  get metadata(): MetadataOf<V> {
    return this.api.metadata as MetadataOf<V>;
  }

  /** Requests sent so far on this connection (retries included). */
  get requestCount(): number {
    return this.transport.requestCount;
  }

  /**
   * A new entity of a type, bound to this connection (the seed's `at.new('Ticket')`).
   *
   * @example
   * const ticket = at.new('Ticket', { Title: 'Printer offline', AccountID: 0, DueDateTime: due, Priority: 2, Status: 1 });
   */
  new<E extends EntityName<V>>(entity: E, values?: NewValues<V, E>): EntityOf<V, E> {
    const cls = entityClassOf(this.api, entity, 'new');
    return new cls(values as object | undefined).bindTo(this.binding) as EntityOf<V, E>;
  }

  /**
   * Runs a query; nothing is sent until the cursor is consumed. Pages of 500 follow one another
   * with `id > <last id>`.
   *
   * @example
   * for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) console.log(t.Title);
   */
  query<E extends QueryableName<V>>(query: Query<E, EntityMapOf<V>>): QueryCursor<Stored<EntityOf<V, E>>> {
    // Checked here too, so that a typo throws at the call rather than at the first `for await`.
    if (query !== null && typeof query === 'object' && typeof query.toTree === 'function') validateQuery(this.api.metadata, query.toTree());
    return this.queries([query]);
  }

  /** Runs several queries one after another as one cursor. */
  queries<E extends QueryableName<V>>(
    queries: Iterable<Query<E, EntityMapOf<V>>> | AsyncIterable<Query<E, EntityMapOf<V>>>,
  ): QueryCursor<Stored<EntityOf<V, E>>> {
    const metadata = this.api.metadata;
    async function* trees(): AsyncGenerator<QueryTree> {
      for await (const query of queries) {
        if (query === null || typeof query !== 'object' || typeof (query as { toTree?: unknown }).toTree !== 'function') {
          throw new UsageError('query: expected a Query (new Query(\'Ticket\')...)');
        }
        const tree = query.toTree();
        validateQuery(metadata, tree);
        yield tree;
      }
    }
    return this.treeCursor<Stored<EntityOf<V, E>>>(trees());
  }

  /** Entities by id, in queries of at most 200 ids; ids not found are left out. */
  fetchByIds<E extends QueryableName<V>>(entity: E, ids: Iterable<number>): QueryCursor<Stored<EntityOf<V, E>>> {
    const cls = entityClassOf(this.api, entity, 'fetchByIds');
    if (!cls.meta.canQuery) throw new UsageError(`fetchByIds: ${cls.entityName} cannot be queried through the API`);
    const unique = [...new Set(ids)];
    for (const id of unique) {
      if (!Number.isSafeInteger(id)) throw new UsageError(`fetchByIds(${cls.entityName}): ids must be integers, got ${JSON.stringify(id)}`);
    }
    unique.sort((a, b) => a - b);
    const trees: QueryTree[] = [];
    for (let i = 0; i < unique.length; i += FETCH_BY_IDS_CHUNK) {
      const items: QueryNode[] = unique.slice(i, i + FETCH_BY_IDS_CHUNK).map((id, index) => {
        const field: FieldNode = { kind: 'field', name: 'id', udf: false, expressions: [{ op: 'Equals', value: String(id) }] };
        return index === 0 ? field : { kind: 'condition', operator: 'OR', items: [field] };
      });
      trees.push({ entity: cls.entityName, root: { kind: 'condition', operator: 'AND', items } });
    }
    return this.treeCursor<Stored<EntityOf<V, E>>>(trees);
  }

  /**
   * Creates entities in packets of 200; never retried. Accepts one entity, an array, an iterable
   * or an async iterable (a cursor included).
   *
   * @example
   * const created = await at.create(at.new('Ticket', { Title: 'x', AccountID: 0 })).fetchOne();
   */
  create<T extends EntityBase & CanCreate & OfApiVersion<V>>(input: ActionInput<T>): ActionCursor<T> {
    return this.action('create', input);
  }

  /** Sends the writable fields of entities in packets of 200 (the seed's update). */
  update<T extends EntityBase & CanUpdate & OfApiVersion<V>>(input: ActionInput<T>): ActionCursor<T> {
    return this.action('update', input);
  }

  /** Deletes entities by id in packets of 200; the cursor yields those deleted. */
  delete<T extends EntityBase & CanDelete & OfApiVersion<V>>(input: ActionInput<T>): ActionCursor<T> {
    return this.action('delete', input);
  }

  /**
   * The picklists of an entity, from one cached `GetFieldInfo`.
   *
   * @example
   * const tp = await at.picklist('Ticket'); tp.Status.Complete; tp.Status.reverseLookup(5);
   */
  async picklist<E extends EntityName<V>>(entity: E, options: PicklistOptions = {}): Promise<EntityPicklists<EntityMetaOf<V, E>>> {
    const cls = entityClassOf(this.api, entity, 'picklist');
    const key = `${cls.entityName}\u0000${options.includeInactive === true}`;
    let picklists = this.picklistCache.get(key);
    if (picklists === undefined) {
      picklists = makeEntityPicklists(cls.meta, cls.entityName, (fresh) => this.fieldInfo(cls.entityName, fresh), options);
      this.picklistCache.set(key, picklists);
      picklists.catch(() => this.picklistCache.delete(key));
    }
    return (await picklists) as EntityPicklists<EntityMetaOf<V, E>>;
  }

  /** `GetFieldInfo`: every field of an entity as the API describes it (picklist values included); cached. */
  async getFieldInfo(entity: EntityName<V>): Promise<FieldInfo[]> {
    return await this.fieldInfo(entityClassOf(this.api, entity, 'getFieldInfo').entityName, false);
  }

  /** `getEntityInfo`: what each entity type allows. */
  async getEntityInfo(): Promise<EntityInfo[]> {
    return readEntityInfos(await this.soap.callTree('getEntityInfo', ''));
  }

  /** `getUDFInfo`: the user-defined fields of an entity. */
  async getUdfInfo(entity: EntityName<V>): Promise<FieldInfo[]> {
    const name = entityClassOf(this.api, entity, 'getUdfInfo').entityName;
    return readFieldInfos(await this.soap.callTree('getUDFInfo', param('psTable', name)));
  }

  /**
   * An invoice as HTML or XML (the seed's `get_invoice_markup`).
   *
   * @example
   * const html = await at.getInvoiceMarkup(3, 'html');
   */
  async getInvoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string> {
    if (!Number.isInteger(invoiceId)) throw new UsageError(`getInvoiceMarkup: the invoice id must be an integer, got ${JSON.stringify(invoiceId)}`);
    const lower = typeof format === 'string' ? format.toLowerCase() : format;
    if (lower !== 'html' && lower !== 'xml') throw new UsageError(`getInvoiceMarkup: the format must be 'html' or 'xml', got ${JSON.stringify(format)}`);
    const result = await this.soap.callTree('GetInvoiceMarkup', param('InvoiceId', invoiceId) + param('Format', lower.toUpperCase()));
    if (result === undefined) throw new ApiError(`getInvoiceMarkup: no markup for invoice ${invoiceId}`, { operation: 'GetInvoiceMarkup', messages: [] });
    return result.text;
  }

  /** The API request budget and how much of it is used. */
  async getThresholdAndUsageInfo(): Promise<ThresholdAndUsage> {
    const { summary } = await this.soap.callAtws('getThresholdAndUsageInfo', '', () => undefined);
    const message = summary.entityReturnInfo.map((info) => info.message).find((m) => /ThresholdOfExternalRequest/i.test(m));
    if (message === undefined) {
      throw new ApiError(`getThresholdAndUsageInfo: the answer holds no figures${summary.errors.length ? `: ${summary.errors.join('; ')}` : ''}`, {
        operation: 'getThresholdAndUsageInfo',
        messages: summary.errors,
      });
    }
    return parseThresholdMessage(message);
  }

  /** The WSDL version the zone reports. */
  async getWsdlVersion(): Promise<string> {
    return (await this.soap.callTree('GetWsdlVersion', ''))?.text ?? '';
  }

  /** An attachment's bytes and info; `undefined` when there is none with that id. */
  async getAttachment(attachmentId: number): Promise<Attachment | undefined> {
    checkId('getAttachment', attachmentId);
    const result = await this.soap.callTree('GetAttachment', param('attachmentId', attachmentId));
    if (result === undefined || result.children.length === 0) return undefined;
    const data = childText(result, 'Data');
    const infoElement = childElement(result, 'Info');
    let info: EntityBase | undefined;
    if (infoElement !== undefined) {
      const fields = new Map<string, string>();
      let id: number | undefined;
      for (const child of infoElement.children) {
        if (child.name === 'id') id = Number(child.text);
        else if (child.name !== 'UserDefinedFields') fields.set(child.name, child.text);
      }
      info = makeEntityDecoder(this.api, 'GetAttachment')({ type: 'AttachmentInfo', id, fields, udfs: [] }).bindTo(this.binding);
    }
    return { data: data === undefined ? undefined : Buffer.from(data, 'base64'), info };
  }

  /** Attaches a file; returns the new attachment's id. Never retried. */
  async createAttachment(attachment: NewAttachment): Promise<number> {
    if (attachment === null || typeof attachment !== 'object' || !(attachment.data instanceof Uint8Array)) {
      throw new UsageError('createAttachment: expected { data: Buffer | Uint8Array, info: { ParentID, ParentType, Type, Title, ... } }');
    }
    const cls = entityClassOf(this.api, 'AttachmentInfo', 'createAttachment');
    const info = attachment.info instanceof cls ? attachment.info : new cls(attachment.info as object);
    const values = info as unknown as Record<string, FieldValue | undefined>;
    // Every AttachmentInfo field is read-only once stored, yet these are what a new attachment is made of.
    const infoXml = writeEntityXml(cls.meta, { id: undefined, values }, { omit: (field) => field.name === 'id' })
      .replace(/^<Entity\b/, '<Info')
      .replace(/<\/Entity>$/, '</Info>');
    const data = Buffer.from(attachment.data.buffer, attachment.data.byteOffset, attachment.data.byteLength).toString('base64');
    const result = await this.soap.callTree('CreateAttachment', `<attachment><Data>${data}</Data>${infoXml}</attachment>`);
    const id = Number(result?.text);
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new ApiError(`createAttachment: Autotask returned no attachment id (${JSON.stringify(result?.text ?? '')})`, {
        operation: 'CreateAttachment',
        messages: [],
      });
    }
    return id;
  }

  /** Deletes an attachment; returns the API's message (empty on success). */
  async deleteAttachment(attachmentId: number): Promise<string> {
    checkId('deleteAttachment', attachmentId);
    const result = await this.soap.callTree('DeleteAttachment', param('attachmentId', attachmentId));
    return result?.text ?? '';
  }

  /** Closes idle keep-alive sockets; the connection may still be used (new sockets open as needed). */
  close(): void {
    this.transport.close();
  }

  private fieldInfo(entity: string, fresh: boolean): Promise<FieldInfo[]> {
    let info = fresh ? undefined : this.fieldInfoCache.get(entity);
    if (info === undefined) {
      info = this.soap.callTree('GetFieldInfo', param('psObjectType', entity)).then(readFieldInfos);
      this.fieldInfoCache.set(entity, info);
      info.catch(() => this.fieldInfoCache.delete(entity));
    }
    return info;
  }

  private treeCursor<T extends EntityBase>(trees: Iterable<QueryTree> | AsyncIterable<QueryTree>): QueryCursor<T> {
    const decode = makeEntityDecoder(this.api, 'query');
    const binding = this.binding;
    const fetchPage = async (tree: QueryTree): Promise<T[]> => {
      const { summary, entities } = await this.soap.callAtws('query', param('sXML', writeQueryXml(tree)), (raw) => decode(raw).bindTo(binding));
      if (summary.returnCode !== 1 || summary.errors.length > 0) {
        throw new ApiError(`query ${tree.entity}: ${summary.errors.join('; ') || `ReturnCode ${String(summary.returnCode)}`}`, {
          operation: 'query',
          messages: summary.errors,
        });
      }
      return entities as T[];
    };
    return new QueryCursor<T>(trees, fetchPage, this.concurrency);
  }

  private action<T extends EntityBase>(operation: ActionOperation, input: ActionInput<T>): ActionCursor<T> {
    const decode = makeEntityDecoder(this.api, operation);
    const binding = this.binding;
    const send = async (packet: readonly T[]): Promise<PacketOutcome<T>> => {
      const sent: T[] = [];
      const rejected: Array<{ entity: T; message: string }> = [];
      const xml: string[] = [];
      for (const entity of packet) {
        try {
          this.checkActionable(entity, operation);
          xml.push(entityXml(entity, operation));
          sent.push(entity);
        } catch (error) {
          rejected.push({ entity, message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (sent.length === 0) return { succeeded: [], failed: rejected, unknown: [], messages: [] };
      let outcome: PacketOutcome<T>;
      try {
        const { summary, entities } = await this.soap.callAtws(operation, `<Entities>${xml.join('')}</Entities>`, (raw) => decode(raw).bindTo(binding));
        outcome = packetOutcome(operation, sent, summary, entities);
      } catch (error) {
        outcome = packetFailure(operation, sent, error);
      }
      return rejected.length === 0 ? outcome : { ...outcome, failed: [...rejected, ...outcome.failed] };
    };
    return new ActionCursor<T>(operation, input, send, this.concurrency);
  }

  private checkActionable(entity: EntityBase, operation: ActionOperation): void {
    if (entity === null || typeof entity !== 'object' || typeof (entity as { entityMeta?: unknown }).entityMeta !== 'object') {
      throw new UsageError(`${operation}: expected an entity object (at.new('Ticket') or a query result), got ${entity === null ? 'null' : typeof entity}`);
    }
    const meta = this.api.metadata.entities[entity.entityName];
    if (meta === undefined) throw new UsageError(`${operation}: API ${this.apiVersion} has no entity type ${entity.entityName}`);
    const allowed = operation === 'create' ? meta.canCreate : operation === 'update' ? meta.canUpdate : meta.canDelete;
    if (!allowed) throw new UsageError(`${operation}: ${entity.entityName} cannot be ${operation === 'create' ? 'created' : `${operation}d`} through the API`);
    if (operation === 'create') {
      const missing = missingRequiredFields(entity);
      if (missing.length > 0) throw new UsageError(requiredFieldsMessage(entity.entityName, missing, 'create'));
    }
  }

  private applyOne(target: EntityBase, result: EntityBase | undefined, operation: string): void {
    if (result === undefined) {
      throw new ApiError(`${target.entityName}.${operation}(): Autotask returned no entity`, { operation, messages: [] });
    }
    copyEntityInto(target, result);
  }
}

/** For one entity, a transport or authentication failure is clearer as itself than wrapped in an ApiError. */
async function single<R>(pending: Promise<R>): Promise<R> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ApiError && error.cause instanceof AtwsError) throw error.cause;
    throw error;
  }
}

function checkId(action: string, id: unknown): void {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(`${action}: the attachment id must be a positive integer, got ${JSON.stringify(id)}`);
  }
}

