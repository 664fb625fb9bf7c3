/**
 * Between a transport and the generated classes, whatever the wire: an entity a transport read
 * becomes an instance of its class with every field typed by the metadata (through the wire's
 * field decoding); an object going out becomes an `OutgoingEntity` holding the fields the operation
 * may carry, which the transport writes in its own form.
 */
import { UsageError } from '../protocol/errors.js';
import { ApiError } from './transport/api-error.js';
import type { EntityBase, EntityBinding, EntityClass } from '../entity/entity-base.js';
import type { FieldMeta, FieldValue } from '../protocol/metadata.js';
import type { GeneratedApi } from './api-registry.js';
import { decodersOf, fillPlanOf, type EntityFillPlan } from './entity-fill.js';
import { fieldNamesOf } from './field-names.js';
import {
  detachedString,
  type EntityDecoder,
  type FieldDecoder,
  type FieldDecoding,
  type OutgoingEntity,
  type WireEntity,
} from './transport/wire-entity.js';

/**
 * UDF names repeat entity after entity, in the same order: one kept copy of each, so that entities
 * do not each hold their own (nor a slice pinning the parsed chunk). Checked by position first,
 * which is a short string comparison, before the map.
 */
const udfNames = new Map<string, string>();
const udfNamesByPosition: string[] = [];
const MAX_UDF_NAMES = 10_000;

function udfName(name: string, position: number): string {
  const previous = udfNamesByPosition[position];
  if (previous === name) return previous;
  let kept = udfNames.get(name);
  if (kept === undefined) {
    kept = detachedString(name);
    if (udfNames.size < MAX_UDF_NAMES) udfNames.set(kept, kept);
  }
  if (position < 64) udfNamesByPosition[position] = kept;
  return kept;
}

/**
 * Makes class instances of the entities a transport read, bound to `binding` (the connection).
 *
 * @example
 * const page = await transport.query(tree, makeEntityDecoder(api, 'query', binding));
 */
export function makeEntityDecoder(
  api: GeneratedApi,
  operation: string,
  binding?: EntityBinding,
  options: DecoderOptions = {},
): EntityDecoder<EntityBase> {
  const complete = operation === 'query';
  const trackReads = complete && options.trackReads === true;
  // The entities of one answer are mostly of one class and wire: their plan is looked up once.
  let lastClass: EntityClass | undefined;
  let lastDecoding: FieldDecoding<never> | undefined;
  let plan: EntityFillPlan | undefined;
  let decoders: readonly FieldDecoder<never>[] = [];
  return <W>(raw: WireEntity<W>, decoding: FieldDecoding<W>): EntityBase => {
    const cls = api.entityClasses[raw.type];
    if (cls === undefined) {
      throw new ApiError(`${operation}: the answer holds an entity of unknown type "${raw.type}"`, { operation, messages: [] });
    }
    if (cls !== lastClass || decoding !== lastDecoding) {
      plan = fillPlanOf(cls);
      decoders = decodersOf(cls, decoding) as readonly FieldDecoder<never>[];
      lastClass = cls;
      lastDecoding = decoding as FieldDecoding<never>;
    }
    const { index, fill, row } = plan as EntityFillPlan;
    const decode = decoders as readonly FieldDecoder<W>[];
    let unknown: Array<[string, string]> | undefined;
    const idAt = raw.id === undefined ? undefined : index.get('id');
    if (idAt !== undefined) row[idAt] = raw.id;
    try {
      for (const [name, value] of raw.fields) {
        const at = index.get(name);
        // A field the metadata does not know (a later API revision) is kept as the text sent.
        if (at === undefined) (unknown ??= []).push([name, detachedString(decoding.text(value))]);
        else row[at] = (decode[at] as FieldDecoder<W>)(value);
      }
    } catch (error) {
      row.fill(undefined);
      throw error;
    }
    const entity = new cls();
    const asRead = trackReads ? row.slice() : undefined;
    fill(entity, row);
    if (raw.id !== undefined && idAt === undefined) (entity as unknown as Record<string, FieldValue>)['id'] = raw.id;
    if (unknown !== undefined) entity.replaceUnknownFields(unknown);
    // A query answer holds every field that has a value: such an object may be sent to update().
    if (complete) readEntities.add(entity);
    // A fresh entity holds no UDFs yet: setting them one by one is replaceUdfs without the copy.
    const udfs = raw.udfs;
    for (let i = 0; i < udfs.length; i++) {
      const [name, value] = udfs[i] as [string, string | null];
      if (name === '') {
        // setUdf refuses an empty name; an answer may still carry one, kept as sent.
        entity.replaceUdfs(udfs.map(([n, v]): [string, string | null] => [detachedString(n), v === null ? null : detachedString(v)]));
        break;
      }
      entity.setUdf(udfName(name, i), value === null ? null : detachedString(value));
    }
    if (asRead !== undefined) readStates.set(entity, { index: (plan as EntityFillPlan).index, values: asRead, udfs: new Map(entity.udfs()) });
    return binding === undefined ? entity : entity.bindTo(binding);
  };
}

/** What `makeEntityDecoder` does beside making objects. */
export interface DecoderOptions {
  /**
   * Keep what each object read by a query held, so that an update sends only what changed since
   * (where update changes only what it carries: REST's PATCH). Off for SOAP, whose update sends the
   * whole record: the copy would cost for nothing.
   */
  readonly trackReads?: boolean;
}

/** What an object held when read: field values by the fill plan's index, and its UDFs. */
interface ReadState {
  readonly index: ReadonlyMap<string, number>;
  readonly values: ReadonlyArray<FieldValue | undefined>;
  readonly udfs: ReadonlyMap<string, string | null>;
}

const readStates = new WeakMap<EntityBase, ReadState>();

function sameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * Objects filled from a query answer, which holds every field with a value. Only these may go to
 * update(): Autotask clears every writable field an update does not carry, so an object made by
 * hand, or filled from a create()/update() answer (reliable for the id only), would clear fields.
 */
const readEntities = new WeakSet<EntityBase>();

/** Whether the object was filled from a query answer (and so holds every field the API has). */
export function wasReadFromApi(entity: EntityBase): boolean {
  return readEntities.has(entity);
}

/** What an outgoing entity carries: all writable fields (create, update) or only its id (delete). */
export type EntityWriteMode = 'create' | 'update' | 'delete';

const omitReadOnly = (field: FieldMeta): boolean => field.readOnly && field.name !== 'id';
// A field both required and read-only (TicketChecklistItem.TicketID) is set once, at creation.
const omitOnCreate = (field: FieldMeta): boolean => field.readOnly && !field.required;

/** What `outgoingEntity` checks beside the values. */
export interface OutgoingOptions {
  /**
   * Refuse to update an object not read from the API: where update replaces the whole record
   * (SOAP), such an object would clear every writable field it lacks.
   */
  readonly updateNeedsRead: boolean;
  /**
   * Update carries only what the object changed since it was read (fields, cleared fields and UDFs),
   * where update changes only what it carries. An object not read (made by hand with an id) carries
   * every field it holds.
   */
  readonly updateOnlyChanged?: boolean;
}

/**
 * An object as a write carries it: every writable field it holds (create, update; on create also
 * those set once, required and read-only) with its UDFs, fields to clear and fields the metadata
 * does not know; only its id for delete. Strings go out as given (leading and trailing spaces
 * included), as clients that ran against production send them, so that a query with the same
 * value finds what was written. Throws UsageError for an object that cannot be sent so.
 */
export function outgoingEntity(entity: EntityBase, mode: EntityWriteMode, options: OutgoingOptions): OutgoingEntity {
  const meta = entity.entityMeta;
  const source = entity as unknown as Record<string, FieldValue | null | undefined>;
  const id = source['id'];
  if (mode !== 'create' && typeof id !== 'number') {
    throw new UsageError(`${mode}: the ${entity.entityName} has no id; only an entity read from or created in Autotask can be sent to ${mode}`);
  }
  if (mode === 'update' && options.updateNeedsRead && !readEntities.has(entity)) {
    throw new UsageError(
      `update: ${entity.entityName} ${String(id)} was not read from Autotask, and update() clears every writable field it does not carry; ` +
        `read it first (at.fetchByIds, at.query, reload()) or change some fields with at.patch('${entity.entityName}', ${String(id)}, { ... })`,
    );
  }
  if (mode === 'delete')
    return { meta, id: id as number, values: {}, udfs: [], nil: EMPTY_SET, extra: [], held: source as OutgoingEntity['held'] & object };
  const omit = mode === 'create' ? omitOnCreate : omitReadOnly;
  const asRead = mode === 'update' && options.updateOnlyChanged === true ? readStates.get(entity) : undefined;
  // Only the fields the object holds: a values object with every field of the entity would be a
  // slow dictionary-mode object.
  const values: Record<string, FieldValue> = {};
  for (const name of fieldNamesOf(meta)) {
    if (name === 'id') continue;
    const value = source[name];
    if (value === undefined || value === null || omit(meta.fields[name] as FieldMeta)) continue;
    if (asRead !== undefined && sameValue(asRead.values[asRead.index.get(name) ?? -1], value)) continue;
    values[name] = value;
  }
  const cleared = entity.clearedFields();
  let nil = cleared;
  for (const name of cleared) {
    const field = meta.fields[name];
    if (field !== undefined && omit(field)) {
      nil = new Set([...cleared].filter((n) => meta.fields[n] === undefined || !omit(meta.fields[n] as FieldMeta)));
      break;
    }
  }
  const udfs =
    asRead === undefined ? entity.udfs() : [...entity.udfs()].filter(([name, value]) => !asRead.udfs.has(name) || asRead.udfs.get(name) !== value);
  return {
    meta,
    id: mode === 'create' ? undefined : (id as number),
    values,
    udfs,
    nil,
    extra: entity.unknownFields(),
    held: source as OutgoingEntity['held'] & object,
  };
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * Makes `target` hold exactly what `source` holds (fields, unknown fields and UDFs), read from the
 * API or not as `source` was: how objects are filled from the read-back after create and update.
 */
export function copyEntityInto(target: EntityBase, source: EntityBase): void {
  const to = target as unknown as Record<string, FieldValue | undefined>;
  const from = source as unknown as Record<string, FieldValue | undefined>;
  const copy = (name: string): void => {
    const value = from[name];
    if (value === undefined) delete to[name];
    else to[name] = value;
  };
  // The metadata's fields, then whatever else the source holds, each once: in that order, without
  // the set of both that cost a write of 200 entities 400 arrays and sets.
  const fields = target.entityMeta.fields;
  for (const name of fieldNamesOf(target.entityMeta)) copy(name);
  for (const name of Object.keys(from)) if (!Object.hasOwn(fields, name)) copy(name);
  target.replaceUdfs(source.udfs());
  target.replaceUnknownFields(source.unknownFields());
  target.resetClearedFields();
  if (readEntities.has(source)) readEntities.add(target);
  else readEntities.delete(target);
  const asRead = readStates.get(source);
  if (asRead === undefined) readStates.delete(target);
  else readStates.set(target, asRead);
}

/** Sets the id a create() answered on the object sent (the one field that answer is reliable for). */
export function takeCreatedId(target: EntityBase, answer: EntityBase): void {
  const id = (answer as { id?: number }).id;
  if (typeof id === 'number') (target as unknown as Record<string, FieldValue>)['id'] = id;
}

/** The class of an entity name, or a UsageError listing that the version has no such entity. */
export function entityClassOf(api: GeneratedApi, name: string, action: string): EntityClass {
  if (typeof name !== 'string' || !Object.hasOwn(api.entityClasses, name)) {
    throw new UsageError(`${action}: API ${api.metadata.apiVersion} has no entity type ${JSON.stringify(name)}`);
  }
  return api.entityClasses[name] as EntityClass;
}
