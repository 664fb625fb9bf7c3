/**
 * Which fields and UDFs an entity in an answer carries, as Autotask documents it:
 * - "If the field is of a nullable data type and the value is null, then the field is not returned
 *   in the response. String fields in the API are not nullable and will always be returned"
 *   (API return values page): a string field with no value comes as an empty element;
 * - "if all UDF values for an entity are NULL, then no UDFs are returned; if any UDF has a value,
 *   then all UDFs are returned" (query() page).
 */
import type { EntityMeta, FieldValue } from 'atws/protocol';
import type { EntityRecord } from 'atws/protocol/soap';
import type { UdfDefinition } from '../tenant/picklist-types.js';
import type { StoredEntity } from '../tenant/store.js';

/** Per entity type, its string fields but `id`, listed once. */
const stringFields = new WeakMap<EntityMeta, readonly string[]>();

function stringFieldsOf(meta: EntityMeta): readonly string[] {
  let names = stringFields.get(meta);
  if (names === undefined) {
    names = Object.values(meta.fields)
      .filter((f) => f.type === 'string' && f.name !== 'id')
      .map((f) => f.name);
    stringFields.set(meta, names);
  }
  return names;
}

export function answerShape(
  meta: EntityMeta,
  values: Readonly<Record<string, FieldValue>>,
  udfDefinitions: readonly UdfDefinition[],
  record: Pick<StoredEntity, 'id' | 'udfs'>,
): EntityRecord {
  let answered: Record<string, FieldValue> | undefined;
  for (const name of stringFieldsOf(meta)) {
    if (values[name] !== undefined) continue;
    answered ??= { ...values };
    answered[name] = '';
  }
  const anyUdf = meta.hasUserDefinedFields && udfDefinitions.some((u) => {
    const value = record.udfs?.get(u.name);
    return value !== undefined && value !== '';
  });
  const udfs = anyUdf
    ? udfDefinitions.map((u): readonly [string, string | null] => [u.name, record.udfs?.get(u.name) ?? null])
    : undefined;
  return { id: record.id, values: answered ?? values, ...(udfs === undefined ? {} : { udfs }) };
}
