/**
 * Entity types and fields by name, as the API accepts them: the exact name, else the same name in
 * any case. Only own entries count, so that `constructor`, `__proto__` or `toString` are unknown
 * names rather than whatever `Object.prototype` holds.
 */
import type { ApiMetadata, EntityMeta, FieldMeta } from 'atws/protocol';
import { foldCase } from './text-match.js';

/** The entity type of a schema by name (any case). */
export function findEntity(schema: ApiMetadata, name: string): EntityMeta | undefined {
  const entities = schema.entities;
  if (Object.hasOwn(entities, name)) return entities[name];
  const folded = foldCase(name);
  return Object.values(entities).find((e) => foldCase(e.name) === folded);
}

/** A field of an entity type by name (any case). */
export function findField(meta: EntityMeta, name: string): FieldMeta | undefined {
  if (Object.hasOwn(meta.fields, name)) return meta.fields[name];
  const folded = foldCase(name);
  return Object.values(meta.fields).find((f) => foldCase(f.name) === folded);
}
