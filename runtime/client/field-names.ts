/**
 * An entity's field names in wire order, computed once per metadata object: the write path walks
 * them for every entity of every packet (encoding, the in-flight check, the read-back fill).
 */
import type { EntityMeta } from '../protocol/metadata.js';

const fieldNames = new WeakMap<EntityMeta, readonly string[]>();

export function fieldNamesOf(meta: EntityMeta): readonly string[] {
  let names = fieldNames.get(meta);
  if (names === undefined) {
    names = Object.keys(meta.fields);
    fieldNames.set(meta, names);
  }
  return names;
}
