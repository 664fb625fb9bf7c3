/**
 * A connection to one Autotask zone: queries, create/update/delete, picklists, field and UDF info,
 * invoice markup, usage and attachments, typed by the generated code of the API version in use.
 * The facade: its reads, writes and service calls are in connection-queries.ts,
 * connection-writes.ts and connection-services.ts, over any transport (transport/transport.ts).
 */
import { inspect } from 'node:util';
import { inspectCustom } from '../protocol/inspect-custom.js';
import { UsageError } from '../protocol/errors.js';
import { ApiError } from './transport/api-error.js';
import type {
  CanDelete,
  CanUpdate,
  EntityBase,
  EntityBinding,
  EntityClass,
  CanCreate,
  MadeOver,
  OfApiVersion,
  Stored,
  UpdatableOver,
} from '../entity/entity-base.js';
import type { FieldValue } from '../protocol/metadata.js';
import { Query, type QueryOf, type QueryOver } from '../query/query.js';
import type { ActionCursor, ActionInput } from './action-cursor.js';
import type { GeneratedApi, EntityMapOf, MetadataOf } from './api-registry.js';
import type { ApiVersionOrModule, VersionOf } from '../protocol/api-versions.js';
import { ConnectionQueries } from './connection-queries.js';
import { ConnectionServices } from './connection-services.js';
import type {
  Attachment,
  AttachmentInfoOf,
  EntityName,
  EntityOf,
  NewAttachment,
  NewValues,
  PatchValues,
  PicklistsOf,
  PicklistsWithInactiveOf,
  QueryableName,
  UpdatableName,
  WriteOptions,
} from './connection-types.js';
import { ConnectionWrites } from './connection-writes.js';
import { entityClassOf } from './entity-codec.js';
import { entityBinding, single } from './entity-binding.js';
import type { PicklistOptions } from './picklists.js';
import type { QueryOptions } from './partitioned-query.js';
import type { QueryCursor } from './query-cursor.js';
import type { TransportName } from './connection-options.js';
import type { EntityInfo, FieldInfo } from './transport/info-records.js';
import type { Transport, ZoneInfo } from './transport/transport.js';
import type { ThresholdAndUsage } from './transport/usage-info.js';

export type {
  Attachment,
  AttachmentInfoOf,
  EntityMetaOf,
  EntityName,
  EntityOf,
  NewAttachment,
  NewAttachmentInfo,
  NewValues,
  PatchValues,
  PicklistLabelsOf,
  PicklistsOf,
  PicklistsWithInactiveOf,
  QueryableName,
  UpdatableName,
  WriteOptions,
} from './connection-types.js';
export { FETCH_BY_IDS_CHUNK } from './connection-queries.js';
export { MAX_PACKET_ROUNDS } from './write-rounds.js';

export interface ConnectionParts<V extends ApiVersionOrModule, T extends TransportName = TransportName> {
  readonly apiVersion: VersionOf<V>;
  readonly transportName: T;
  readonly api: GeneratedApi;
  readonly transport: Transport;
  readonly zone: ZoneInfo | undefined;
  readonly concurrency: number;
}

/**
 * An open connection; made by {@link connect}. Typed by an API version (`Connection<'1.6'>`) or,
 * when made with `connect({ api })`, by that generated module (`Connection<typeof api>`); and by its
 * transport (`Connection<'1.6', 'rest'>` from `connect({ transport: 'rest' })`), which decides what
 * `update()` takes (over REST, an object never read) and which operators a query may use (over
 * REST, no Like, NotLike or SoundsLike).
 *
 * @example
 * const tickets = await at.query(new Query('Ticket').where('Status', 'Equals', 1)).fetchAll();
 */
export class Connection<V extends ApiVersionOrModule = '1.6', T extends TransportName = 'soap'> {
  /** The API version spoken. */
  readonly apiVersion: VersionOf<V>;
  /** The wire protocol: `'soap'` or `'rest'` (the `transport` option of {@link connect}). */
  readonly transportName: T;
  /** The zone endpoint (`.../atws.asmx`) every request goes to. */
  readonly url: string;
  /** What zone discovery answered (undefined when `url` was given). */
  readonly zone: ZoneInfo | undefined;
  /** Requests one cursor keeps in flight. */
  readonly concurrency: number;
  private readonly api: GeneratedApi;
  private readonly transport: Transport;
  private readonly binding: EntityBinding;
  private readonly reads: ConnectionQueries;
  private readonly writes: ConnectionWrites;
  private readonly services: ConnectionServices;

  constructor(parts: ConnectionParts<V, T>) {
    this.apiVersion = parts.apiVersion;
    this.transportName = parts.transportName;
    this.api = parts.api;
    this.transport = parts.transport;
    this.zone = parts.zone;
    this.url = parts.transport.url;
    this.concurrency = parts.concurrency;
    this.binding = entityBinding({
      write: (operation, entity) => this.writes.action(operation, entity, {}),
      check: (operation, entity) => void this.writes.encode(entity, operation),
      fetchById: (entityType, id) => this.reads.byIds<EntityBase>(entityType, [id]).fetchOne(),
    });
    this.reads = new ConnectionQueries(this.api, this.transport, this.binding, this.concurrency);
    this.writes = new ConnectionWrites(this.api, this.transport, this.binding, this.concurrency, (entityType, ids) =>
      this.reads.byIds<EntityBase>(entityType, ids).fetchAll(),
    );
    this.services = new ConnectionServices(this.api, this.transport, this.binding);
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
   * A new entity of a type, bound to this connection (python-atws's `at.new('Ticket')`).
   *
   * @example
   * const ticket = at.new('Ticket', { Title: 'Printer offline', AccountID: 0, DueDateTime: due, Priority: 2, Status: 1 });
   */
  new<E extends EntityName<V>>(entity: E, values?: NewValues<V, E>): EntityOf<V, E> & MadeOver<T> {
    const cls = entityClassOf(this.api, entity, 'new');
    return new cls(values as never).bindTo(this.binding) as EntityOf<V, E> & MadeOver<T>;
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
  query<E extends QueryableName<V>>(query: QueryOf<E, VersionOf<V>> & QueryOver<T>, options: QueryOptions = {}): QueryCursor<Stored<EntityOf<V, E>>> {
    // The tree is taken (and checked) now: a typo throws at the call rather than at the first
    // `for await`, and a change made to the query afterwards does not reach the cursor.
    const tree = this.reads.tree(query);
    if (options.partitions !== undefined && options.partitions > 1) return this.reads.partitioned(tree, options.partitions, options.ordered ?? true);
    return this.reads.cursor([tree]);
  }

  /**
   * Runs several queries one after another as one cursor. An array's queries are taken when the
   * cursor is made; an iterable's, as the cursor reaches them.
   */
  queries<E extends QueryableName<V>>(
    queries: Iterable<QueryOf<E, VersionOf<V>> & QueryOver<T>> | AsyncIterable<QueryOf<E, VersionOf<V>> & QueryOver<T>>,
  ): QueryCursor<Stored<EntityOf<V, E>>> {
    return this.reads.sequence(queries);
  }

  /** Entities by id, in queries of at most 200 ids; ids not found are left out. */
  fetchByIds<E extends QueryableName<V>>(entity: E, ids: Iterable<number>): QueryCursor<Stored<EntityOf<V, E>>> {
    return this.reads.byIds(entity, ids);
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
    return this.writes.action('create', input as ActionInput<Stored<T>>, options);
  }

  /**
   * Over SOAP, sends every writable field of entities read from Autotask (python-atws's update), in
   * packets of 200: Autotask clears each writable field an update does not carry, so an object that
   * was not read from the API is refused (use {@link patch}). Over REST, a PATCH of what each object
   * changed since it was read (all it holds, for one never read: an object made by hand with an id
   * may be sent). The cursor yields the objects, filled from what was stored (see {@link WriteOptions.readBack}).
   */
  update<U extends EntityBase & CanUpdate & OfApiVersion<VersionOf<V>> & UpdatableOver<T>>(
    input: ActionInput<U>,
    options: WriteOptions = {},
  ): ActionCursor<U> {
    return this.writes.action('update', input, options);
  }

  /** Deletes entities by id in packets of 200; the cursor yields those deleted. */
  delete<T extends EntityBase & CanDelete & OfApiVersion<VersionOf<V>>>(input: ActionInput<T>): ActionCursor<T> {
    return this.writes.action('delete', input, {});
  }

  /**
   * Changes some fields of one entity by read-modify-write: reads it by id, sets `values` (null
   * clears a field that is not required) and updates it with every other field as read, so that
   * nothing else is cleared. Resolves to the entity as stored. A change made by someone else
   * between the read and the write is overwritten. Over REST, whose PATCH changes only what it
   * carries, nothing is read first (except a child's parent id where the route needs it) and
   * only `values` go out.
   *
   * @example
   * const ticket = await at.patch('Ticket', 42, { Title: 'Printer offline', Description: null });
   */
  async patch<E extends QueryableName<V> & UpdatableName<V>>(entity: E, id: number, values: PatchValues<V, E>): Promise<Stored<EntityOf<V, E>>> {
    const cls = entityClassOf(this.api, entity, 'patch');
    if (!cls.meta.canUpdate) throw new UsageError(`patch: ${cls.entityName} cannot be updated through the API`);
    if (!Number.isSafeInteger(id)) throw new UsageError(`patch(${cls.entityName}): the id must be an integer, got ${JSON.stringify(id)}`);
    if (values === null || typeof values !== 'object') throw new UsageError(`patch(${cls.entityName}, ${id}): expected an object of field values`);
    const unread = this.patchUnread(cls, id, values as object);
    if (unread !== undefined) {
      await single(this.update(unread as EntityBase & CanUpdate & OfApiVersion<VersionOf<V>> & UpdatableOver<T>).fetchOne());
      return unread as Stored<EntityOf<V, E>>;
    }
    const current = (await this.fetchByIds(entity, [id]).fetchOne()) as EntityBase | undefined;
    if (current === undefined) throw new ApiError(`patch: ${cls.entityName} ${id} does not exist`, { operation: 'query', messages: [] });
    // The values were checked against the entity's types by PatchValues; at run time set() checks them again.
    const untyped = current as unknown as { set(name: string, value: FieldValue | null): unknown };
    for (const [name, value] of Object.entries(values as object)) untyped.set(name, value as FieldValue | null);
    await single(this.update(current as EntityBase & CanUpdate & OfApiVersion<VersionOf<V>> & UpdatableOver<T>).fetchOne());
    return current as Stored<EntityOf<V, E>>;
  }

  /**
   * Where update changes only what it carries (REST's PATCH), the object to patch without reading
   * it: its id and the values. Undefined where update replaces the record, or where the wire needs
   * more of the object than that (a child entity updated through its parent's route needs the
   * parent id): then it is read first, and still only the values go out.
   */
  private patchUnread(cls: EntityClass, id: number, values: object): EntityBase | undefined {
    if (this.transport.capabilities.updateReplacesRecord) return undefined;
    const entity = new cls().bindTo(this.binding);
    (entity as unknown as { id: number }).id = id;
    const untyped = entity as unknown as { set(name: string, value: FieldValue | null): unknown };
    for (const [name, value] of Object.entries(values)) untyped.set(name, value as FieldValue | null);
    try {
      this.writes.encode(entity, 'update');
    } catch (error) {
      if (error instanceof UsageError) return undefined;
      throw error;
    }
    return entity;
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
  async picklist<E extends EntityName<V>>(entity: E, options?: PicklistOptions & { readonly includeInactive?: false }): Promise<PicklistsOf<V, E>>;
  async picklist<E extends EntityName<V>>(entity: E, options: PicklistOptions): Promise<PicklistsWithInactiveOf<V, E>>;
  async picklist<E extends EntityName<V>>(entity: E, options: PicklistOptions = {}): Promise<unknown> {
    return this.services.picklists(entity, options);
  }

  /** `GetFieldInfo`: every field of an entity as the API describes it (picklist values included); cached. */
  async getFieldInfo(entity: EntityName<V>): Promise<FieldInfo[]> {
    return this.services.fieldInfo(entityClassOf(this.api, entity, 'getFieldInfo').entityName, false);
  }

  /** `getEntityInfo`: what each entity type allows. */
  async getEntityInfo(): Promise<EntityInfo[]> {
    return this.transport.entityInfo();
  }

  /** `getUDFInfo`: the user-defined fields of an entity. */
  async getUdfInfo(entity: EntityName<V>): Promise<FieldInfo[]> {
    const name = entityClassOf(this.api, entity, 'getUdfInfo').entityName;
    return this.transport.udfInfo(name);
  }

  /**
   * An invoice as HTML or XML (python-atws's `get_invoice_markup`).
   *
   * @example
   * const html = await at.getInvoiceMarkup(3, 'html');
   */
  async getInvoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string> {
    return this.services.invoiceMarkup(invoiceId, format);
  }

  /** The API request budget and how much of it is used. */
  async getThresholdAndUsageInfo(): Promise<ThresholdAndUsage> {
    return this.transport.thresholdAndUsage();
  }

  /** The WSDL version the zone reports. */
  async getWsdlVersion(): Promise<string> {
    return this.transport.apiVersion();
  }

  /**
   * An attachment's bytes and info; `undefined` when there is none with that id. Over REST two
   * requests: its AttachmentInfo (for the parent), then the parent's `Attachments/{id}`.
   */
  async getAttachment(attachmentId: number): Promise<Attachment<V> | undefined> {
    const attachment = await this.services.getAttachment(attachmentId);
    return attachment === undefined ? undefined : { data: attachment.data, info: attachment.info as AttachmentInfoOf<V> | undefined };
  }

  /** Attaches a file; returns the new attachment's id. Never retried. Over REST a POST to the parent's `Attachments` route. */
  async createAttachment(attachment: NewAttachment<V>): Promise<number> {
    return this.services.createAttachment(attachment);
  }

  /** Deletes an attachment; returns the API's message (empty on success). Over REST two requests, as `getAttachment`. */
  async deleteAttachment(attachmentId: number): Promise<string> {
    return this.services.deleteAttachment(attachmentId);
  }

  /** Closes idle keep-alive sockets; the connection may still be used (new sockets open as needed). */
  close(): void {
    this.transport.close();
  }

  /** What `console.log(at)` and `util.inspect(at)` show: the user, zone and API version, never the login. */
  [inspectCustom](): string {
    return `Connection ${inspect(this.toJSON())}`;
  }

  /** What `JSON.stringify(at)` writes: the user, zone and API version. */
  toJSON(): { user: string | undefined; zone: string; apiVersion: VersionOf<V> } {
    return { user: this.transport.username, zone: this.url, apiVersion: this.apiVersion };
  }
}
