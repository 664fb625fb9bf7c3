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
  const names = list
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
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
    else if (udf)
      throw new UsageError(`--fields: ${meta.name} has no UDF "${bare}"; its UDFs: ${udfs.map((u) => JSON.stringify(u)).join(', ') || '(none)'}`);
    else throw new UsageError(`--fields: ${meta.name} has no field "${bare}" and no UDF of that name`);
  }
  return columns;
}

/** The default columns: every field and every UDF for CSV; for a table, those a person reads first. */
export async function defaultColumns(format: 'csv' | 'table', meta: EntityMeta, info: InfoSource): Promise<Column[]> {
  if (format === 'table') return tableColumns(meta).map((name) => ({ name, udf: false }));
  const fields = Object.keys(meta.fields).map((name) => ({ name, udf: false }));
  return [...fields, ...(await udfNames(info, meta.name)).map((name) => ({ name, udf: true }))];
}

const TABLE_COLUMNS = 7;

/**
 * A table's default columns, found by the metadata's field names (the names ATWS gives every
 * entity alike, not a list per entity): `id`; the entity's number (`TicketNumber`); its name
 * (`AccountName`, `FirstName` and `LastName`, `Title`, `Name`); its status (`Status`, else
 * `Active`); `Priority`; a due date and the creation date. An entity with fewer of these gets
 * its first fields after them, up to seven columns.
 */
export function tableColumns(meta: EntityMeta): string[] {
  const fields = Object.values(meta.fields);
  const has = (name: string): boolean => Object.hasOwn(meta.fields, name);
  const chosen: string[] = [];
  const add = (...names: (string | undefined)[]): void => {
    for (const name of names) if (name !== undefined && has(name) && !chosen.includes(name)) chosen.push(name);
  };
  const firstOf = (...names: string[]): string | undefined => names.find(has);
  add('id', `${meta.name}Number`);
  if (has(`${meta.name}Name`)) add(`${meta.name}Name`);
  else if (has('FirstName') && has('LastName')) add('FirstName', 'LastName');
  else add(firstOf('Title', 'Name', 'Subject'));
  add(firstOf('Status', 'Active', 'IsActive'), 'Priority');
  const dates = fields.filter((f) => f.type === 'datetime').map((f) => f.name);
  add(
    dates.find((n) => /^Due/.test(n)),
    firstOf('CreateDate', 'CreateDateTime'),
  );
  if (!chosen.some((n) => dates.includes(n))) add(...dates.slice(0, 2));
  for (const f of fields) if (chosen.length < TABLE_COLUMNS) add(f.name);
  return chosen.slice(0, Math.max(TABLE_COLUMNS, chosen.length));
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

/**
 * The picklist value a `--where` label stands for. Labels are the active values', as the
 * library's picklists have them (`at.picklist()`): an unknown label lists those, an inactive one
 * says so and gives its value, which a condition takes as it is.
 */
export async function valueOfLabel(info: InfoSource, entity: string, field: string, label: string): Promise<string> {
  const fieldInfo = (await info.getFieldInfo(entity)).find((f) => f.Name === field && f.IsPickList);
  if (fieldInfo === undefined) throw new UsageError(`${entity}.${field} is not a picklist`);
  const sameLabel = (l: string): boolean => l === label || l.toLowerCase() === label.toLowerCase();
  const active = fieldInfo.PicklistValues.filter((v) => v.IsActive);
  const matches = active.filter((v) => sameLabel(v.Label)).map((v): [string, string] => [v.Value, v.Label]);
  const exact = matches.filter(([, l]) => l === label);
  const chosen = exact.length > 0 ? exact : matches;
  if (chosen.length === 0) {
    const inactive = fieldInfo.PicklistValues.filter((v) => !v.IsActive && sameLabel(v.Label));
    if (inactive.length > 0) {
      throw new UsageError(
        `${entity}.${field}: "${inactive[0]?.Label}" is an inactive value's label (value ${inactive.map((v) => v.Value).join(', ')}); to find entities that still hold it, give the value`,
      );
    }
    throw new PicklistLabelError(entity, field, label, [...new Set(active.map((v) => v.Label))]);
  }
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
