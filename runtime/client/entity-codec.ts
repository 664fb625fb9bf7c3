/**
 * Between the wire and the generated classes: a decoded `RawEntity` becomes an instance of its
 * class with every field typed by the metadata; an object going out becomes `<Entity>` XML with
 * the fields the operation may carry.
 */
import { ApiError, UsageError } from '../errors.js';
import type { EntityBase, EntityClass } from '../entity/entity-base.js';
import type { FieldMeta, FieldValue } from '../metadata.js';
import type { RawEntity } from '../xml/atws-response-decoder.js';
import { decodeFieldValue } from '../xml/field-codec.js';
import { writeEntityXml } from '../xml/entity-writer.js';
import type { ApiModule } from './api-registry.js';

type TextDecoder = (text: string) => FieldValue | undefined;

// The API pads empty strings to one space; the seed reads them as ''.
const decodeString: TextDecoder = (text) => (text === ' ' ? '' : text);

/** Per class, each field's decoder, worked out once: the hot loop then does one map lookup per field. */
const decoderPlans = new WeakMap<EntityClass, Map<string, TextDecoder>>();

function planOf(cls: EntityClass): Map<string, TextDecoder> {
  let plan = decoderPlans.get(cls);
  if (plan === undefined) {
    plan = new Map();
    for (const field of Object.values(cls.meta.fields)) {
      const type = field.type;
      plan.set(field.name, type === 'string' ? decodeString : (text) => (text === '' ? undefined : decodeFieldValue(type, text)));
    }
    decoderPlans.set(cls, plan);
  }
  return plan;
}

/** Makes an entity class instance from a decoded wire entity. */
export function makeEntityDecoder(api: ApiModule, operation: string): (raw: RawEntity) => EntityBase {
  return (raw) => {
    const cls = api.entityClasses[raw.type];
    if (cls === undefined) {
      throw new ApiError(`${operation}: the answer holds an entity of unknown type "${raw.type}"`, { operation, messages: [] });
    }
    const entity = new cls();
    const values = entity as unknown as Record<string, FieldValue>;
    const plan = planOf(cls);
    if (raw.id !== undefined) values['id'] = raw.id;
    for (const [name, text] of raw.fields) {
      const decode = plan.get(name);
      // A field the metadata does not know (a later API revision) is kept as the text sent.
      if (decode === undefined) values[name] = text;
      else {
        const value = decode(text);
        if (value !== undefined) values[name] = value;
      }
    }
    if (raw.udfs.length > 0) entity.replaceUdfs(raw.udfs);
    return entity;
  };
}

/** What an outgoing entity carries: all writable fields (create, update) or only its id (delete). */
export type EntityWriteMode = 'create' | 'update' | 'delete';

const omitReadOnly = (field: FieldMeta): boolean => field.readOnly && field.name !== 'id';
// A field both required and read-only (TicketChecklistItem.TicketID) is set once, at creation.
const omitOnCreate = (field: FieldMeta): boolean => field.readOnly && !field.required;
const omitAll = (): boolean => true;

/** The `<Entity xsi:type=...>` XML of an object, strings trimmed as the seed does. */
export function entityXml(entity: EntityBase, mode: EntityWriteMode): string {
  const meta = entity.entityMeta;
  const source = entity as unknown as Record<string, FieldValue | null | undefined>;
  const values: Record<string, FieldValue | null | undefined> = {};
  for (const name of Object.keys(meta.fields)) {
    if (mode === 'create' && name === 'id') continue;
    const value = source[name];
    values[name] = typeof value === 'string' ? value.trim() : value;
  }
  const id = source['id'];
  if (mode !== 'create' && typeof id !== 'number') {
    throw new UsageError(`${mode}: the ${entity.entityName} has no id; only an entity read from or created in Autotask can be sent to ${mode}`);
  }
  return writeEntityXml(
    meta,
    { id: mode === 'create' ? undefined : (id as number), values, udfs: mode === 'delete' ? [] : entity.udfs() },
    { omit: mode === 'delete' ? omitAll : mode === 'create' ? omitOnCreate : omitReadOnly },
  );
}

/** Makes `target` hold exactly what `source` holds (fields and UDFs): how `ticket.create()` updates in place. */
export function copyEntityInto(target: EntityBase, source: EntityBase): void {
  const to = target as unknown as Record<string, FieldValue | undefined>;
  const from = source as unknown as Record<string, FieldValue | undefined>;
  for (const name of new Set([...Object.keys(target.entityMeta.fields), ...Object.keys(from)])) {
    const value = from[name];
    if (value === undefined) delete to[name];
    else to[name] = value;
  }
  target.replaceUdfs(source.udfs());
}

/** The class of an entity name, or a UsageError listing that the version has no such entity. */
export function entityClassOf(api: ApiModule, name: string, action: string): EntityClass {
  if (typeof name !== 'string' || !Object.hasOwn(api.entityClasses, name)) {
    throw new UsageError(`${action}: API ${api.metadata.apiVersion} has no entity type ${JSON.stringify(name)}`);
  }
  return api.entityClasses[name] as EntityClass;
}
