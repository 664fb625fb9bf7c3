/**
 * An update that changes only some fields. SOAP's update() clears every writable field the entity
 * does not carry (the update() page); REST's PATCH "will not update" a field absent from the JSON
 * (the PATCH page), and its PUT clears only the fields REST can carry (the PUT page: absent ones
 * "default to null"), so a field only SOAP has keeps its value. The update is worked out as SOAP's
 * is, after the fields to keep are filled in with what the record holds: a value sent back as it
 * is stored is not re-validated (validation.ts), so keeping a value never refuses the update.
 */
import type { EntityMeta, FieldMeta, FieldValue } from 'atws/protocol';
import { findField } from './entity-lookup.js';
import type { IncomingEntity } from './incoming-entity.js';
import type { StoredEntity } from './store.js';

/** `entity` with the stored value of each field it does not carry that `keep` names. */
export function withKeptFields(meta: EntityMeta, entity: IncomingEntity, record: StoredEntity, keep: (field: FieldMeta) => boolean): IncomingEntity {
  const carried = new Set<string>();
  for (const name of entity.fields.keys()) {
    const field = findField(meta, name);
    if (field !== undefined) carried.add(field.name);
  }
  const fields = new Map<string, FieldValue | null>(entity.fields);
  for (const field of Object.values(meta.fields)) {
    if (field.name === 'id' || carried.has(field.name) || !keep(field)) continue;
    const stored = record.values[field.name];
    if (stored !== undefined) fields.set(field.name, stored);
  }
  return { ...entity, fields };
}
