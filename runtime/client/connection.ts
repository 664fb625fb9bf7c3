/**
 * A connection to one Autotask zone: queries, create/update/delete, picklists, field and UDF info,
 * invoice markup, usage and attachments, typed by the generated code of the API version in use.
 */
import { inspect } from 'node:util';
import { ApiError, AtwsError, UsageError } from '../protocol/errors.js';
import {
  missingRequiredFields,
  requiredFieldsMessage,
  type CanCreate,
  type CanDelete,
  type CanUpdate,
  type UpdatableOver,
  type EntityBase,
  type EntityBinding,
  type OfApiVersion,
  type PatchInput,
  type Stored,
} from '../entity/entity-base.js';
import type { FieldValue } from '../protocol/metadata.js';
import { Query, type QueryableEntityName, type QueryOf } from '../query/query.js';
import type { FieldNode, QueryNode, QueryTree } from '../protocol/queryxml/query-tree.js';
import { writeQueryXml } from '../protocol/queryxml/queryxml-writer.js';
import { childElement, childText } from '../protocol/xml/xml-tree.js';
import { writeEntityXml } from '../protocol/xml/entity-writer.js';
import { ActionCursor, type ActionInput, type PacketOutcome } from './action-cursor.js';
import type { ApiModule, EntityMapOf, MetadataOf } from './api-registry.js';
import type { ApiSpec, VersionOf } from '../protocol/api-versions.js';
import { copyEntityInto, entityClassOf, entityXml, makeEntityDecoder, takeCreatedId } from './entity-codec.js';
import type { HttpTransport } from './http-transport.js';
import { readEntityInfos, readFieldInfos, type EntityInfo, type FieldInfo } from './info-records.js';
import { packetFailure, packetOutcome, type ActionOperation, type AnsweredPacket } from './packet-outcome.js';
import { makeEntityPicklists, type EntityPicklists, type PicklistOptions } from './picklists.js';
import { PartitionedCursor, type QueryOptions } from './partitioned-query.js';
import { QueryCursor } from './query-cursor.js';
import { validateQuery } from './query-validation.js';
import { param, type SoapClient } from './soap-client.js';
import { readThresholdAndUsage, type ThresholdAndUsage } from './usage-info.js';
import type { ZoneInfo } from './zone-discovery.js';

/** Entity type names of an API version (or of a generated module: `EntityName<typeof api>`). */
export type EntityName<V extends ApiSpec> = keyof EntityMapOf<V> & string;
/** Entity type names of an API version that the API lets one query. */
export type QueryableName<V extends ApiSpec> = QueryableEntityName<EntityMapOf<V>>;
/** Entity type names of an API version that the API lets one update. */
export type UpdatableName<V extends ApiSpec> = { [K in EntityName<V>]: EntityMapOf<V>[K] extends { readonly entity: CanUpdate } ? K : never }[EntityName<V>];
/** The generated class instance type of an entity. */
export type EntityOf<V extends ApiSpec, E extends EntityName<V>> = EntityMapOf<V>[E] extends { entity: infer T extends EntityBase } ? T : never;
/**
 * The values `at.new(entity, values)` takes: for an entity the API creates, its complete create
 * input (every required field, those set once on create included), so that an incomplete one does not
 * compile; for others, any of its update fields. (`at.new(entity)` alone, then `set`, stays possible;
 * the required fields are then checked at run time before any request.)
 */
export type NewValues<V extends ApiSpec, E extends EntityName<V>> = EntityMapOf<V>[E] extends {
  entity: CanCreate;
  create: infer C;
}
  ? C
  : EntityMapOf<V>[E] extends { update: infer U }
    ? Partial<U>
    : never;
/** The generated metadata of an entity. */
export type EntityMetaOf<V extends ApiSpec, E extends EntityName<V>> = MetadataOf<V>['entities'] extends infer M
  ? E extends keyof M ? M[E] : never
  : never;

/**
 * The picklist labels of an entity as a module generated from a tenant's live pull knows them
 * (field -> labels; a child picklist's field -> parent label -> labels); `unknown` otherwise.
 */
export type PicklistLabelsOf<V extends ApiSpec, E extends EntityName<V>> = EntityMapOf<V>[E] extends { readonly picklistLabels: infer L } ? L : unknown;

/** The `AttachmentInfo` class of an API version or module, as stored. */
export type AttachmentInfoOf<V extends ApiSpec> = 'AttachmentInfo' extends EntityName<V> ? Stored<EntityOf<V, 'AttachmentInfo'>> : EntityBase;

/** A file attached in Autotask: its bytes (a `Buffer` at run time) and its `AttachmentInfo`. */
export interface Attachment<V extends ApiSpec = '1.6'> {
  readonly data: Uint8Array | undefined;
  readonly info: AttachmentInfoOf<V> | undefined;
}

/**
 * What `createAttachment` takes: the bytes and the `AttachmentInfo` fields a new attachment is made
 * of (ParentID, ParentType, Type, Title, FullPath, Publish; read-only once stored).
 */
export interface NewAttachment<V extends ApiSpec = '1.6'> {
  readonly data: Uint8Array;
  readonly info: NewAttachmentInfo<V> | EntityOf<V, 'AttachmentInfo' & EntityName<V>>;
}

/** The `AttachmentInfo` fields of a new attachment: its create input (the required fields), and the id of the entity attached to. */
export type NewAttachmentInfo<V extends ApiSpec> = EntityMapOf<V> extends { readonly AttachmentInfo: { readonly create: infer C } }
  ? Omit<C, 'ParentID'> & { readonly ParentID: number }
  : never;

/** At most this many ids per query of `fetchByIds`. */
export const FETCH_BY_IDS_CHUNK = 200;

/**
 * How many times one packet goes out when the API keeps refusing it: each refusal fails the
 * entities it names, and the others (not saved: a call is one transaction) go out again without
 * them. ecitsolutions/Autotask's Set-AtwsData does the same, up to its ErrorLimit of 10.
 */
export const MAX_PACKET_ROUNDS = 10;

/** Options of `at.create(...)` and `at.update(...)`. */
export interface WriteOptions {
  /**
   * Read the entities back by id after the API saved them (one query per packet) and fill the
   * objects from that: what create()/update() answer is documented as reliable for the id only.
   * Default true. With false, a created object holds what was sent plus its id (no TicketNumber,
   * no defaults the server filled in), an updated one what was sent; a created object then cannot
   * go to update() until it is read (reload()), since its update would clear what it lacks.
   */
  readonly readBack?: boolean | undefined;
}

/** The values of `at.patch(...)`: writable fields of the entity; null clears one. */
export type PatchValues<V extends ApiSpec, E extends EntityName<V>> = EntityMapOf<V>[E] extends { entity: infer T; update: infer U } ? PatchInput<T, U> : never;

export interface ConnectionParts<V extends ApiSpec> {
  readonly apiVersion: VersionOf<V>;
  readonly api: ApiModule;
  readonly soap: SoapClient;
  readonly transport: HttpTransport;
  readonly zone: ZoneInfo | undefined;
  readonly concurrency: number;
}

/**
 * An open connection; made by {@link connect}. Typed by an API version (`Connection<'1.6'>`) or,
 * when made with `connect({ api })`, by that generated module (`Connection<typeof api>`).
 *
 * @example
 * const tickets = await at.query(new Query('Ticket').where('Status', 'Equals', 1)).fetchAll();
 */
export class Connection<V extends ApiSpec = '1.6'> {
  /** The API version spoken. */
  readonly apiVersion: VersionOf<V>;
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
      create: async (entity) => this.applyOne(entity, await single(this.create(entity as EntityBase & CanCreate & OfApiVersion<VersionOf<V>>).fetchOne()), 'create'),
      update: async (entity) => this.applyOne(entity, await single(this.update(entity as EntityBase & CanUpdate & OfApiVersion<VersionOf<V>> & UpdatableOver<'soap'>).fetchOne()), 'update'),
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
        await single(this.delete(entity as EntityBase & CanDelete & OfApiVersion<VersionOf<V>>).execute());
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
    return new cls(values as never).bindTo(this.binding) as EntityOf<V, E>;
  }

  /**
   * A query of this connection's API, typed by its entity map (the `api` module's, for a module
   * generated from a tenant): what `new Query<'Ticket', tenant.EntityMap>('Ticket')` spells out.
   *
   * @example
   * for await (const t of at.query(at.newQuery('Ticket').where('Status', 'Equals', 1))) console.log(t.Title);
   */
  newQuery<E extends QueryableName<V>>(entity: E): Query<E, EntityMapOf<V>> {
    return new Query<E, EntityMapOf<V>>(entity);
  }

  /**
   * Runs a query; nothing is sent until the cursor is consumed. Pages of 500 follow one another
   * with `id > <last id>`.
   *
   * @example
   * for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) console.log(t.Title);
   */
  query<E extends QueryableName<V>>(query: QueryOf<E, VersionOf<V>>, options: QueryOptions = {}): QueryCursor<Stored<EntityOf<V, E>>> {
    // Checked here too, so that a typo throws at the call rather than at the first `for await`.
    if (query !== null && typeof query === 'object' && typeof query.toTree === 'function') validateQuery(this.api.metadata, query.toTree());
    if (options.partitions !== undefined && options.partitions > 1) {
      if (query === null || typeof query !== 'object' || typeof query.toTree !== 'function') throw new UsageError('query: expected a Query (new Query(\'Ticket\')...)');
      return new PartitionedCursor(query.toTree(), this.pageFetcher<Stored<EntityOf<V, E>>>(), options.partitions, options.ordered ?? true);
    }
    return this.queries([query]);
  }

  /** Runs several queries one after another as one cursor. */
  queries<E extends QueryableName<V>>(queries: Iterable<QueryOf<E, VersionOf<V>>> | AsyncIterable<QueryOf<E, VersionOf<V>>>): QueryCursor<Stored<EntityOf<V, E>>> {
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
  create<T extends EntityBase & CanCreate & OfApiVersion<VersionOf<V>>>(input: ActionInput<T>, options: WriteOptions = {}): ActionCursor<Stored<T>> {
    // The cursor yields each object once the API stored it.
    return this.action('create', input as ActionInput<Stored<T>>, options);
  }

  /**
   * Sends every writable field of entities read from Autotask (the seed's update), in packets of
   * 200: Autotask clears each writable field an update does not carry, so an object that was not
   * read from the API is refused (use {@link patch}). The cursor yields the objects, filled from
   * what was stored (see {@link WriteOptions.readBack}).
   */
  update<T extends EntityBase & CanUpdate & OfApiVersion<VersionOf<V>> & UpdatableOver<'soap'>>(input: ActionInput<T>, options: WriteOptions = {}): ActionCursor<T> {
    return this.action('update', input, options);
  }

  /** Deletes entities by id in packets of 200; the cursor yields those deleted. */
  delete<T extends EntityBase & CanDelete & OfApiVersion<VersionOf<V>>>(input: ActionInput<T>): ActionCursor<T> {
    return this.action('delete', input, {});
  }

  /**
   * Changes some fields of one entity by read-modify-write: reads it by id, sets `values` (null
   * clears a field that is not required) and updates it with every other field as read, so that
   * nothing else is cleared. Resolves to the entity as stored. A change made by someone else
   * between the read and the write is overwritten.
   *
   * @example
   * const ticket = await at.patch('Ticket', 42, { Title: 'Printer offline', Description: null });
   */
  async patch<E extends QueryableName<V> & UpdatableName<V>>(entity: E, id: number, values: PatchValues<V, E>): Promise<Stored<EntityOf<V, E>>> {
    const cls = entityClassOf(this.api, entity, 'patch');
    if (!cls.meta.canUpdate) throw new UsageError(`patch: ${cls.entityName} cannot be updated through the API`);
    if (!Number.isSafeInteger(id)) throw new UsageError(`patch(${cls.entityName}): the id must be an integer, got ${JSON.stringify(id)}`);
    if (values === null || typeof values !== 'object') throw new UsageError(`patch(${cls.entityName}, ${id}): expected an object of field values`);
    const current = (await this.fetchByIds(entity, [id]).fetchOne()) as EntityBase | undefined;
    if (current === undefined) throw new ApiError(`patch: ${cls.entityName} ${id} does not exist`, { operation: 'query', messages: [] });
    // The values were checked against the entity's types by PatchValues; at run time set() checks them again.
    const untyped = current as unknown as { set(name: string, value: FieldValue | null): unknown };
    for (const [name, value] of Object.entries(values as object)) untyped.set(name, value as FieldValue | null);
    await single(this.update(current as EntityBase & CanUpdate & OfApiVersion<VersionOf<V>> & UpdatableOver<'soap'>).fetchOne());
    return current as Stored<EntityOf<V, E>>;
  }

  /**
   * The picklists of an entity, from one cached `GetFieldInfo`.
   *
   * @example
   * const tp = await at.picklist('Ticket'); tp.Status.Complete; tp.Status.reverseLookup(5);
   *
   * With a module generated from a tenant's live pull (`connect({ api })`), the labels are those
   * pulled (active values), so that a wrong one does not compile; with `includeInactive: true`
   * they are any string, since the values kept then are more than the types know.
   */
  async picklist<E extends EntityName<V>>(
    entity: E,
    options?: PicklistOptions & { readonly includeInactive?: false },
  ): Promise<EntityPicklists<EntityOf<V, E>, PicklistLabelsOf<V, E>>>;
  async picklist<E extends EntityName<V>>(entity: E, options: PicklistOptions): Promise<EntityPicklists<EntityOf<V, E>>>;
  async picklist<E extends EntityName<V>>(entity: E, options: PicklistOptions = {}): Promise<unknown> {
    const cls = entityClassOf(this.api, entity, 'picklist');
    const key = `${cls.entityName}\u0000${options.includeInactive === true}`;
    let picklists = this.picklistCache.get(key);
    if (picklists === undefined) {
      picklists = makeEntityPicklists(cls.meta, cls.entityName, (fresh) => this.fieldInfo(cls.entityName, fresh), options);
      this.picklistCache.set(key, picklists);
      picklists.catch(() => this.picklistCache.delete(key));
    }
    return await picklists;
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
    const usage = await readThresholdAndUsage(this.soap);
    // What the caller read also paces the connection (see usage-pacer.ts).
    this.soap.limits.pacer?.observe(usage);
    return usage;
  }

  /** The WSDL version the zone reports. */
  async getWsdlVersion(): Promise<string> {
    return (await this.soap.callTree('GetWsdlVersion', ''))?.text ?? '';
  }

  /** An attachment's bytes and info; `undefined` when there is none with that id. */
  async getAttachment(attachmentId: number): Promise<Attachment<V> | undefined> {
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
    return { data: data === undefined ? undefined : Buffer.from(data, 'base64'), info: info as AttachmentInfoOf<V> | undefined };
  }

  /** Attaches a file; returns the new attachment's id. Never retried. */
  async createAttachment(attachment: NewAttachment<V>): Promise<number> {
    if (attachment === null || typeof attachment !== 'object' || !(attachment.data instanceof Uint8Array)) {
      throw new UsageError('createAttachment: expected { data: Buffer | Uint8Array, info: { ParentID, ParentType, Type, Title, ... } }');
    }
    const cls = entityClassOf(this.api, 'AttachmentInfo', 'createAttachment');
    const info = attachment.info instanceof cls ? attachment.info : new cls(attachment.info as never);
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

  /** What `console.log(at)` and `util.inspect(at)` show: the user, zone and API version, never the login. */
  [inspect.custom](): string {
    return `Connection ${inspect(this.toJSON())}`;
  }

  /** What `JSON.stringify(at)` writes: the user, zone and API version. */
  toJSON(): { user: string | undefined; zone: string; apiVersion: VersionOf<V> } {
    return { user: this.soap.username, zone: this.url, apiVersion: this.apiVersion };
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
    return new QueryCursor<T>(trees, this.pageFetcher<T>(), this.concurrency);
  }

  private pageFetcher<T extends EntityBase>(): (tree: QueryTree) => Promise<T[]> {
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
    return fetchPage;
  }

  private action<T extends EntityBase>(operation: ActionOperation, input: ActionInput<T>, options: WriteOptions): ActionCursor<T> {
    const decode = makeEntityDecoder(this.api, operation);
    const binding = this.binding;
    const readBack = options.readBack ?? true;
    const sendOnce = async (packet: readonly T[], xml: ReadonlyMap<T, string>): Promise<AnsweredPacket<T> | PacketOutcome<T>> => {
      try {
        const answer = await this.soap.callAtws(operation, `<Entities>${packet.map((e) => xml.get(e)).join('')}</Entities>`, (raw) =>
          decode(raw).bindTo(binding),
        );
        return packetOutcome(operation, packet, answer.summary, answer.entities, { attempts: answer.attempts });
      } catch (error) {
        return packetFailure(operation, packet, error);
      }
    };
    const send = async (packet: readonly T[]): Promise<PacketOutcome<T>> => {
      const xml = new Map<T, string>();
      const failed: Array<{ entity: T; message: string }> = [];
      for (const entity of packet) {
        try {
          this.checkActionable(entity, operation);
          xml.set(entity, entityXml(entity, operation));
        } catch (error) {
          failed.push({ entity, message: error instanceof Error ? error.message : String(error) });
        }
      }
      const succeeded: T[] = [];
      const answers: EntityBase[] = [];
      const unknown: T[] = [];
      const messages: string[] = [];
      let fatal: unknown;
      let lost: unknown;
      // A refused packet saved nothing: it goes out again without the entities the API named.
      let pending = packet.filter((entity) => xml.has(entity));
      for (let round = 1; pending.length > 0; round++) {
        const outcome = await sendOnce(pending, xml);
        succeeded.push(...outcome.succeeded);
        if ('answers' in outcome) answers.push(...outcome.answers);
        failed.push(...outcome.failed);
        unknown.push(...outcome.unknown);
        messages.push(...outcome.messages);
        fatal ??= outcome.fatal;
        lost ??= outcome.error;
        pending = [...(outcome.resend ?? [])];
        if (pending.length > 0 && round >= MAX_PACKET_ROUNDS) {
          const why = `not saved: Autotask refused the packet ${round} times for other entities in it, and it was not sent again`;
          failed.push(...pending.map((entity) => ({ entity, message: why })));
          pending = [];
        }
      }
      if (operation !== 'delete') await this.fillSaved(operation, succeeded, answers, readBack, messages);
      return {
        succeeded,
        failed,
        unknown,
        messages,
        ...(fatal === undefined ? {} : { fatal }),
        ...(lost === undefined ? {} : { error: lost }),
      };
    };
    return new ActionCursor<T>(operation, input, send, this.concurrency);
  }

  /**
   * After a create or update the API confirmed: the objects take their id from the answer (the
   * one field it is documented as reliable for) and, with `readBack`, everything else from one
   * query by id per entity type of the packet. A read-back that fails leaves the write confirmed
   * (it was saved); the objects then hold what was sent, and the reason joins the messages.
   */
  private async fillSaved(
    operation: 'create' | 'update',
    saved: readonly EntityBase[],
    answers: readonly EntityBase[],
    readBack: boolean,
    messages: string[],
  ): Promise<void> {
    if (operation === 'create') saved.forEach((entity, i) => takeCreatedId(entity, answers[i] as EntityBase));
    if (!readBack || saved.length === 0) return;
    const byType = new Map<string, EntityBase[]>();
    for (const entity of saved) {
      if (!entity.entityMeta.canQuery) continue;
      const list = byType.get(entity.entityName) ?? [];
      list.push(entity);
      byType.set(entity.entityName, list);
    }
    for (const [name, entities] of byType) {
      const ids = entities.map((e) => (e as { id?: number }).id).filter((id): id is number => typeof id === 'number');
      try {
        const fresh = new Map<number, EntityBase>();
        for (const entity of await this.fetchByIds(name as QueryableName<V>, ids).fetchAll()) fresh.set((entity as unknown as { id: number }).id, entity as EntityBase);
        for (const entity of entities) {
          const stored = fresh.get((entity as { id?: number }).id ?? Number.NaN);
          if (stored !== undefined) copyEntityInto(entity, stored);
        }
      } catch (error) {
        messages.push(`${operation} ${name}: saved, but reading it back failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
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
    // The cursor yields the object sent, already filled from what was stored.
    if (result !== target) copyEntityInto(target, result);
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

