/**
 * A stored record as a REST answer's entity: every field of the REST model, unset ones as null
 * (production answers carry all of them: `"address1": null`, apigrate/autotask-restapi README),
 * values in the REST model's JSON types (numbers for integers, picklists and decimals; booleans;
 * date-times as UTC ISO text with `Z`), and `userDefinedFields: [{name, value}]` on the models
 * that carry it. With IncludeFields, only the named fields and `id`.
 */
import type { FieldValue, RestFieldType } from 'atws/protocol';
import type { UdfDefinition } from '../tenant/picklist-types.js';
import type { StoredEntity } from '../tenant/store.js';
import { foldCase } from '../tenant/text-match.js';
import { formatRestDateTime } from './rest-reading.js';
import type { RestEntityShape } from './rest-entity-shape.js';

/** What IncludeFields selects: REST fields (lower case) and UDF names (folded). */
export interface FieldSelection {
  readonly fields: ReadonlySet<string>;
  readonly udfs: ReadonlySet<string>;
}

/**
 * A stored value in the REST field's JSON type. The REST model's type decides where it differs
 * from SOAP's (`ContractRetainer.IsPaid`: a SOAP integer, a REST boolean).
 */
export function jsonValue(type: RestFieldType, value: FieldValue | undefined): string | number | boolean | null {
  if (value === undefined) return null;
  if (value instanceof Date) return formatRestDateTime(value);
  switch (type) {
    case 'int32':
    case 'int64':
    case 'double': {
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      return /^(?:true|1)$/i.test(value.trim());
    case 'string':
      return typeof value === 'string' ? value : String(value);
    default:
      return value;
  }
}

/**
 * The UDFs as REST carries them: none (`[]`) when the record has no UDF value (production shows
 * `"userDefinedFields": []`: apigrate/autotask-restapi README; the UDF page says the collection is
 * then left out, the production answers win, being what clients meet), else every UDF of the
 * entity type, unset ones with a null value, as SOAP answers them (its query() page).
 */
function udfJson(
  definitions: readonly UdfDefinition[],
  record: StoredEntity,
  only: ReadonlySet<string> | undefined,
): Array<{ name: string; value: string | null }> {
  const values = record.udfs;
  if (values === undefined || values.size === 0) return [];
  const chosen = only === undefined ? definitions : definitions.filter((d) => only.has(foldCase(d.name)));
  return chosen.map((d) => ({ name: d.name, value: values.get(d.name) ?? null }));
}

export function entityJson(
  shape: RestEntityShape,
  record: StoredEntity,
  udfs: readonly UdfDefinition[],
  selection?: FieldSelection,
): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const field of shape.fields) {
    if (selection !== undefined && field.rest !== 'id' && !selection.fields.has(field.rest.toLowerCase())) continue;
    const stored = field.soap === undefined ? undefined : field.soap.name === 'id' ? record.id : record.values[field.soap.name];
    json[field.rest] = jsonValue(field.type, stored);
  }
  if (shape.rest.userDefinedFields) {
    json['userDefinedFields'] = selection !== undefined && selection.udfs.size === 0 ? [] : udfJson(udfs, record, selection?.udfs);
  }
  return json;
}
