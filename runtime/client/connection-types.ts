/**
 * The types a connection's methods are written in, derived from what it is typed by (an API version
 * or a generated module): entity names, the generated class of an entity, what `at.new` and
 * `at.patch` take, picklist labels, write options and attachments.
 */
import type { CanCreate, CanUpdate, EntityBase, PatchInput, Stored } from '../entity/entity-base.js';
import type { EntityPicklists } from './picklists.js';
import type { ApiVersionOrModule } from '../protocol/api-versions.js';
import type { QueryableEntityName } from '../query/query.js';
import type { EntityMapOf, MetadataOf } from './api-registry.js';

/** Entity type names of an API version (or of a generated module: `EntityName<typeof api>`). */
export type EntityName<V extends ApiVersionOrModule> = keyof EntityMapOf<V> & string;
/** Entity type names of an API version that the API lets one query. */
export type QueryableName<V extends ApiVersionOrModule> = QueryableEntityName<EntityMapOf<V>>;
/** Entity type names of an API version that the API lets one update. */
export type UpdatableName<V extends ApiVersionOrModule> = {
  [K in EntityName<V>]: EntityMapOf<V>[K] extends { readonly entity: CanUpdate } ? K : never;
}[EntityName<V>];
/** The generated class instance type of an entity. */
export type EntityOf<V extends ApiVersionOrModule, E extends EntityName<V>> = EntityMapOf<V>[E] extends { entity: infer T extends EntityBase }
  ? T
  : never;
/**
 * The values `at.new(entity, values)` takes: for an entity the API creates, its complete create
 * input (every required field, those set once on create included), so that an incomplete one does not
 * compile; for others, any of its update fields. (`at.new(entity)` alone, then `set`, stays possible;
 * the required fields are then checked at run time before any request.)
 */
export type NewValues<V extends ApiVersionOrModule, E extends EntityName<V>> = EntityMapOf<V>[E] extends {
  entity: CanCreate;
  create: infer C;
}
  ? C
  : EntityMapOf<V>[E] extends { update: infer U }
    ? Partial<U>
    : never;
/** The generated metadata of an entity. */
export type EntityMetaOf<V extends ApiVersionOrModule, E extends EntityName<V>> = MetadataOf<V>['entities'] extends infer M
  ? E extends keyof M
    ? M[E]
    : never
  : never;

/**
 * The picklist labels of an entity as a module generated from a tenant's live pull knows them
 * (field -> labels; a child picklist's field -> parent label -> labels); `unknown` otherwise.
 */
export type PicklistLabelsOf<V extends ApiVersionOrModule, E extends EntityName<V>> = EntityMapOf<V>[E] extends { readonly picklistLabels: infer L }
  ? L
  : unknown;

/**
 * What `at.picklist(entity)` gives: the generated `<Entity>Picklists` interface (so that editors and
 * errors print its name), or the mapped type of a module generated without one.
 */
export type PicklistsOf<V extends ApiVersionOrModule, E extends EntityName<V>> = EntityMapOf<V>[E] extends { readonly picklists: infer P }
  ? P
  : EntityPicklists<EntityOf<V, E>, PicklistLabelsOf<V, E>>;

/** What `at.picklist(entity, { includeInactive: true })` gives: any label (more values than a pull typed). */
export type PicklistsWithInactiveOf<V extends ApiVersionOrModule, E extends EntityName<V>> = EntityMapOf<V>[E] extends {
  readonly picklistsWithInactive: infer P;
}
  ? P
  : EntityMapOf<V>[E] extends { readonly picklists: infer P }
    ? P
    : EntityPicklists<EntityOf<V, E>>;

/** The `AttachmentInfo` class of an API version or module, as stored. */
export type AttachmentInfoOf<V extends ApiVersionOrModule> =
  'AttachmentInfo' extends EntityName<V> ? Stored<EntityOf<V, 'AttachmentInfo'>> : EntityBase;

/** A file attached in Autotask: its bytes (a `Buffer` at run time) and its `AttachmentInfo`. */
export interface Attachment<V extends ApiVersionOrModule = '1.6'> {
  readonly data: Uint8Array | undefined;
  readonly info: AttachmentInfoOf<V> | undefined;
}

/**
 * What `createAttachment` takes: the bytes and the `AttachmentInfo` fields a new attachment is made
 * of (ParentID, ParentType, Type, Title, FullPath, Publish; read-only once stored).
 */
export interface NewAttachment<V extends ApiVersionOrModule = '1.6'> {
  readonly data: Uint8Array;
  readonly info: NewAttachmentInfo<V> | EntityOf<V, 'AttachmentInfo' & EntityName<V>>;
}

/** The `AttachmentInfo` fields of a new attachment: its create input (the required fields), and the id of the entity attached to. */
export type NewAttachmentInfo<V extends ApiVersionOrModule> =
  EntityMapOf<V> extends { readonly AttachmentInfo: { readonly create: infer C } } ? Omit<C, 'ParentID'> & { readonly ParentID: number } : never;

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
export type PatchValues<V extends ApiVersionOrModule, E extends EntityName<V>> = EntityMapOf<V>[E] extends { entity: infer T; update: infer U }
  ? PatchInput<T, U>
  : never;
