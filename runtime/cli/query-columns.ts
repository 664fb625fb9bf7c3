/**
 * The columns of `atws query` output: entity fields and UDFs (`udf:Room`, or a bare `Room` when no
 * field has that name), and picklist labels for `--labels`. UDFs and labels come from the API
 * (`getUDFInfo`, `GetFieldInfo`), asked only when the command line needs them.
 */
import { UsageError } from '../protocol/errors.js';
import { PicklistLabelError } from '../client/picklist-label-error.js';
import type { FieldInfo } from '../client/transport/info-records.js';
import type { EntityMeta } from '../protocol/metadata.js';

export interface Column {
  readonly name: string;
  readonly udf: boolean;
}

/** What the columns are looked up in: the client's info calls, by entity name. */
export interface InfoSource {
  getUdfInfo(entity: string): Promise<readonly FieldInfo[]>;
  getFieldInfo(entity: string): Promise<readonly FieldInfo[]>;
}

export const columnHeader = (c: Column): string => (c.udf ? `udf:${c.name}` : c.name);

/** A row's value in a column: a field, or a UDF from `UserDefinedFields`. */
export function cellOf(row: Record<string, unknown>, c: Column): unknown {
  if (!c.udf) return row[c.name];
  return (row['UserDefinedFields'] as Record<string, unknown> | undefined)?.[c.name];
}

export async function udfNames(info: InfoSource, entity: string): Promise<readonly string[]> {
  return (await info.getUdfInfo(entity)).map((f) => f.Name);
}

/** `--fields id,udf:Room,Title` as columns, each checked against the metadata and the entity's UDFs. */
export async function parseFields(list: string, meta: EntityMeta, info: InfoSource): Promise<Column[]> {
  const names = list.split(',').map((f) => f.trim()).filter((f) => f !== '');
  let udfs: readonly string[] | undefined;
  const columns: Column[] = [];
  for (const name of names) {
    const udf = /^udf:/i.test(name);
    const bare = udf ? name.slice(4).trim() : name;
    if (!udf && Object.hasOwn(meta.fields, bare)) {
      columns.push({ name: bare, udf: false });
      continue;
    }
    udfs ??= await udfNames(info, meta.name);
    if (udfs.includes(bare)) columns.push({ name: bare, udf: true });
    else if (udf) throw new UsageError(`--fields: ${meta.name} has no UDF "${bare}"; its UDFs: ${udfs.map((u) => JSON.stringify(u)).join(', ') || '(none)'}`);
    else throw new UsageError(`--fields: ${meta.name} has no field "${bare}" and no UDF of that name`);
  }
  return columns;
}

/** The default columns: every field and every UDF for CSV; the first few fields for a table. */
export async function defaultColumns(format: 'csv' | 'table', meta: EntityMeta, info: InfoSource): Promise<Column[]> {
  const fields = Object.keys(meta.fields).map((name) => ({ name, udf: false }));
  if (format === 'table') return fields.slice(0, 6);
  return [...fields, ...(await udfNames(info, meta.name)).map((name) => ({ name, udf: true }))];
}

/** Picklist field -> (value as the API writes it -> label), for the entity's picklist fields. */
export type PicklistLabels = ReadonlyMap<string, ReadonlyMap<string, string>>;

export async function picklistLabels(info: InfoSource, entity: string): Promise<PicklistLabels> {
  const labels = new Map<string, Map<string, string>>();
  for (const f of await info.getFieldInfo(entity)) {
    if (!f.IsPickList) continue;
    const values = new Map<string, string>();
    for (const v of f.PicklistValues) if (!values.has(v.Value)) values.set(v.Value, v.Label);
    labels.set(f.Name, values);
  }
  return labels;
}

/** The picklist value a `--where` label stands for; an unknown label lists the valid ones. */
export async function valueOfLabel(info: InfoSource, entity: string, field: string, label: string): Promise<string> {
  const values = (await picklistLabels(info, entity)).get(field);
  if (values === undefined) throw new UsageError(`${entity}.${field} is not a picklist`);
  const matches = [...values].filter(([, l]) => l === label || l.toLowerCase() === label.toLowerCase());
  const exact = matches.filter(([, l]) => l === label);
  const chosen = exact.length > 0 ? exact : matches;
  if (chosen.length === 0) throw new PicklistLabelError(entity, field, label, [...new Set(values.values())]);
  if (chosen.length > 1) {
    throw new UsageError(`${entity}.${field}: "${label}" is the label of several values (${chosen.map(([v]) => v).join(', ')}); give the value`);
  }
  return (chosen[0] as [string, string])[0];
}

/** The row with picklist values replaced by their labels (a value without a label stays as it is). */
export function withLabels(row: Record<string, unknown>, labels: PicklistLabels): Record<string, unknown> {
  const out = { ...row };
  for (const [field, values] of labels) {
    const value = out[field];
    if (value === undefined || value === null) continue;
    const label = values.get(String(value));
    if (label !== undefined) out[field] = label;
  }
  return out;
}
