/**
 * create, update and delete, whatever the wire: each entity is checked (validation.ts), given its
 * server fields and stored, and the call answers an outcome per record. How records share a
 * transaction is the front's to say: a SOAP call is one transaction ("Batching of SOAP API calls":
 * if any entity causes an error, none of the set is saved), and every entity is still checked so
 * that the answer names each bad one; a REST call writes one entity, in a transaction of its own.
 */
import type { ApiMetadata, EntityMeta, FieldMeta, FieldValue } from 'atws/protocol';
import type { Caller } from './authentication.js';
import { storedValue } from './date-only-fields.js';
import { findEntity } from './entity-lookup.js';
import type { IncomingEntity } from './incoming-entity.js';
import type { PicklistCatalog } from './picklists.js';
import { withKeptFields } from './partial-update.js';
import { applyServerFields } from './server-fields.js';
import type { EntityStore, StoredEntity } from './store.js';
import type { UdfDefinition } from './picklist-types.js';
import { RecordRejected, validateCreate, validateUpdate, type RefusalKind, type ValidationContext } from './validation.js';
import type { WireReading } from './wire-reading.js';

export type WriteVerb = 'create' | 'update' | 'delete';

/**
 * `all-or-nothing`: the records of the call are saved together or not at all (a SOAP call);
 * `each-record`: every record is saved or refused on its own.
 */
export type WriteTransaction = 'all-or-nothing' | 'each-record';

export interface WriteRequest {
  readonly verb: WriteVerb;
  /** The metadata of the caller's API version: the entity types and fields it may name. */
  readonly schema: ApiMetadata;
  readonly caller: Caller;
  readonly entities: readonly IncomingEntity[];
  readonly reading: WireReading;
  readonly transaction: WriteTransaction;
  /**
   * On update, the fields an entity does not carry that keep their stored values instead of being
   * cleared (see partial-update.ts): REST's PATCH keeps every one, its PUT those REST cannot carry.
   * Absent: every writable field not carried is cleared, as SOAP's update() does.
   */
  readonly keepUncarried?: (field: FieldMeta) => boolean;
}

/** What the API reports of a saved record (SOAP's `EntityReturnInfo`). */
export type DatabaseAction = 'None' | 'Created' | 'Updated';

export type RecordOutcome =
  | {
      readonly status: 'saved';
      readonly entity: EntityMeta;
      /**
       * The record as the write answers it: what was stored, except the fields the server computes,
       * which hold what they held before the call (nothing, on create). The create() and update()
       * pages say to rely on that answer for the id only and to query for the rest; this makes a
       * client that trusts the rest visibly wrong.
       */
      readonly answer: StoredEntity;
      readonly action: DatabaseAction;
      readonly message: string;
    }
  | { readonly status: 'refused'; readonly reason: string; readonly kind?: RefusalKind }
  /** Saved within an all-or-nothing call that another record's refusal undid. */
  | { readonly status: 'rolled-back' };

export interface WriteOutcome {
  /** The entity type of the first record whose type was known (SOAP's `EntityResultType`). */
  readonly entityType: string | undefined;
  /** One outcome per incoming entity, in order. */
  readonly records: readonly RecordOutcome[];
}

export interface WriteScope {
  readonly store: EntityStore;
  readonly picklists: PicklistCatalog;
  udfsOf(entity: string): readonly UdfDefinition[];
}

/** Thrown inside an all-or-nothing transaction so that it rolls back. */
class CallRefused extends Error {
  constructor() {
    super('call refused');
  }
}

export function write(scope: WriteScope, request: WriteRequest): WriteOutcome {
  let entityType: string | undefined;
  const writeOne = (entity: IncomingEntity): RecordOutcome => {
    try {
      if (entity.type === undefined) throw new RecordRejected('The entity has no xsi:type naming its entity type.');
      const meta = findEntity(request.schema, entity.type);
      if (!meta) throw new RecordRejected(`Unable to find the entity type "${entity.type}".`);
      entityType ??= meta.name;
      return VERBS[request.verb](scope, request, meta, entity);
    } catch (error) {
      if (!(error instanceof RecordRejected)) throw error;
      return { status: 'refused', reason: error.message, ...(error.kind === undefined ? {} : { kind: error.kind }) };
    }
  };
  const { store } = scope;
  if (request.transaction === 'each-record') {
    const records = request.entities.map((entity) => {
      let outcome: RecordOutcome = { status: 'rolled-back' };
      try {
        store.atomic(() => {
          outcome = writeOne(entity);
          if (outcome.status === 'refused') throw new CallRefused();
        });
      } catch (error) {
        if (!(error instanceof CallRefused)) throw error;
      }
      return outcome;
    });
    return { entityType, records };
  }
  let records: RecordOutcome[] = [];
  try {
    store.atomic(() => {
      records = request.entities.map(writeOne);
      if (records.some((r) => r.status === 'refused')) throw new CallRefused();
    });
  } catch (error) {
    if (!(error instanceof CallRefused)) throw error;
    records = records.map((r) => (r.status === 'saved' ? { status: 'rolled-back' } : r));
  }
  return { entityType, records };
}

type VerbWrite = (scope: WriteScope, request: WriteRequest, meta: EntityMeta, entity: IncomingEntity) => RecordOutcome;

function validation(scope: WriteScope, request: WriteRequest, meta: EntityMeta): ValidationContext {
  return { meta, store: scope.store, picklists: scope.picklists, udfs: scope.udfsOf(meta.name), reading: request.reading };
}

const create: VerbWrite = (scope, request, meta, entity) => {
  if (!meta.canCreate) throw new RecordRejected(`The ${meta.name} entity cannot be created through the API.`);
  const { store } = scope;
  const changes = validateCreate(validation(scope, request, meta), entity);
  const values: Record<string, FieldValue> = {};
  for (const [name, value] of changes.values) if (value !== null) values[name] = storedValue(meta.name, name, value, request.reading.dates);
  const computed = applyServerFields(meta, values, {
    creating: true,
    store,
    picklists: scope.picklists,
    now: new Date(),
    actingResourceId: request.caller.actingResourceId,
  });
  const udfs = new Map<string, string>();
  for (const [name, value] of changes.udfs) if (value !== null) udfs.set(name, value);
  const record = store.insert(meta.name, values, udfs);
  return { status: 'saved', entity: meta, answer: staleAnswer(record, computed, undefined), action: 'Created', message: '' };
};

/**
 * As the update() page says, every field that is not read-only takes the value sent, and one not
 * sent (or sent empty) is cleared; read-only fields are ignored. UDFs not sent keep their values
 * (the UDF page). validateUpdate works out the whole new record.
 */
const update: VerbWrite = (scope, request, meta, entity) => {
  if (!meta.canUpdate) throw new RecordRejected(`The ${meta.name} entity cannot be updated through the API.`);
  const { store } = scope;
  const record = existingRecord(store, meta, entity, 'update');
  const sent = request.keepUncarried === undefined ? entity : withKeptFields(meta, entity, record, request.keepUncarried);
  const changes = validateUpdate(validation(scope, request, meta), sent, record.values, record.udfs);
  const before = record.values;
  const values = { ...record.values };
  for (const [name, value] of changes.values) {
    if (value === null) delete values[name];
    else values[name] = storedValue(meta.name, name, value, request.reading.dates);
  }
  const computed = applyServerFields(meta, values, {
    creating: false,
    store,
    picklists: scope.picklists,
    now: new Date(),
    actingResourceId: request.caller.actingResourceId,
  });
  const udfs = new Map(record.udfs ?? []);
  for (const [name, value] of changes.udfs) {
    if (value === null) udfs.delete(name);
    else udfs.set(name, value);
  }
  store.replace(meta.name, record, values, udfs);
  return { status: 'saved', entity: meta, answer: staleAnswer(record, computed, before), action: 'Updated', message: '' };
};

const remove: VerbWrite = (scope, _request, meta, entity) => {
  if (!meta.canDelete) throw new RecordRejected(`The ${meta.name} entity cannot be deleted through the API.`);
  const record = existingRecord(scope.store, meta, entity, 'delete');
  scope.store.remove(meta.name, record.id);
  return { status: 'saved', entity: meta, answer: record, action: 'None', message: 'Deleted' };
};

const VERBS: Readonly<Record<WriteVerb, VerbWrite>> = { create, update, delete: remove };

/**
 * The API's refusal of an update naming an id it has not got (API return values page: the same
 * words whether the record does not exist or the caller may not see it).
 */
export const NO_MATCHING_RECORD = 'No matching records found. The logged in resource may not have the required permissions to update the data.';

/** The id an update or delete names; refuses a missing or unknown one. */
function existingRecord(store: EntityStore, meta: EntityMeta, entity: IncomingEntity, verb: 'update' | 'delete'): StoredEntity {
  const id = entity.id === undefined ? NaN : Number(entity.id);
  if (!Number.isInteger(id)) throw new RecordRejected(`The ${meta.name} entity has no valid id ("${entity.id ?? ''}").`);
  const record = store.get(meta.name, id);
  if (record) return record;
  if (verb === 'update') throw new RecordRejected(NO_MATCHING_RECORD, 'no-matching-record');
  throw new RecordRejected(`${meta.name} ${id} does not exist.`);
}

/** See {@link RecordOutcome}'s `answer`. */
function staleAnswer(stored: StoredEntity, computed: readonly string[], before: StoredEntity['values'] | undefined): StoredEntity {
  const values = { ...stored.values };
  for (const name of computed) {
    const previous = before?.[name];
    if (previous === undefined) delete values[name];
    else values[name] = previous;
  }
  return { id: stored.id, values, udfs: stored.udfs };
}
