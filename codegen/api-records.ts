/**
 * Converts `getEntityInfo` / `GetFieldInfo` / `getUDFInfo` records, with the API's own element
 * names (as in `../shared/atws/fieldinfo/*.json` or a live answer), into snapshot records,
 * checking every value: a broken record stops with the path of the bad value.
 */
import type { FieldType } from 'atws/protocol';
import type { SnapshotField, SnapshotPicklistValue, SnapshotUdf } from './snapshot.js';

export const FIELD_TYPES: readonly FieldType[] = ['boolean', 'datetime', 'decimal', 'double', 'float', 'integer', 'long', 'short', 'string'];

/** Thrown with the JSON path of the bad value; the caller adds the file name. */
export class RecordError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

export type ApiRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown, path: string): ApiRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RecordError(path, 'expected an object');
  return value as ApiRecord;
}

export function asArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new RecordError(path, 'expected an array');
  return value;
}

export function str(r: ApiRecord, key: string, path: string): string {
  const v = r[key];
  if (typeof v !== 'string') throw new RecordError(`${path}.${key}`, `expected a string, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}

/** A string that may be missing, null or empty (all mean "none"). */
export function optStr(r: ApiRecord, key: string, path: string): string | undefined {
  const v = r[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new RecordError(`${path}.${key}`, `expected a string or null, got ${JSON.stringify(v)}`);
  return v;
}

/** A boolean; the live SOAP answer gives "true"/"false" text, the JSON dumps real booleans. */
export function bool(r: ApiRecord, key: string, path: string): boolean {
  const v = r[key];
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new RecordError(`${path}.${key}`, `expected a boolean, got ${JSON.stringify(v) ?? 'nothing'}`);
}

export function int(r: ApiRecord, key: string, path: string): number {
  const v = r[key];
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new RecordError(`${path}.${key}`, `expected an integer, got ${JSON.stringify(v) ?? 'nothing'}`);
  }
  return n;
}

function fieldType(r: ApiRecord, path: string): FieldType {
  const t = str(r, 'Type', path);
  const type = FIELD_TYPES.find((x) => x === t.toLowerCase());
  if (type === undefined) throw new RecordError(`${path}.Type`, `"${t}" is not a field type (${FIELD_TYPES.join(', ')})`);
  return type;
}

function picklistValues(r: ApiRecord, path: string): SnapshotPicklistValue[] {
  const raw = r['PicklistValues'];
  if (raw === undefined || raw === null) return [];
  // A live answer wraps the list: { PickListValue: [...] }.
  const list = Array.isArray(raw)
    ? raw
    : asArray(asRecord(raw, `${path}.PicklistValues`)['PickListValue'] ?? [], `${path}.PicklistValues.PickListValue`);
  return list.map((item, i) => {
    const p = `${path}.PicklistValues[${i}]`;
    const v = asRecord(item, p);
    const parentValue = optStr(v, 'parentValue', p);
    return {
      value: str(v, 'Value', p),
      label: str(v, 'Label', p),
      isDefaultValue: bool(v, 'IsDefaultValue', p),
      sortOrder: int(v, 'SortOrder', p),
      ...(parentValue === undefined ? {} : { parentValue }),
      isActive: bool(v, 'IsActive', p),
      isSystem: bool(v, 'IsSystem', p),
    };
  });
}

function fieldBody(r: ApiRecord, path: string): SnapshotUdf {
  const name = str(r, 'Name', path);
  if (name === '') throw new RecordError(`${path}.Name`, 'is empty');
  const defaultValue = optStr(r, 'DefaultValue', path);
  const description = optStr(r, 'Description', path);
  const values = picklistValues(r, path);
  const length = int(r, 'Length', path);
  if (length < 0) throw new RecordError(`${path}.Length`, `is negative (${length})`);
  return {
    name,
    label: optStr(r, 'Label', path) ?? name,
    type: fieldType(r, path),
    length,
    required: bool(r, 'IsRequired', path),
    readOnly: bool(r, 'IsReadOnly', path),
    queryable: bool(r, 'IsQueryable', path),
    picklist: bool(r, 'IsPickList', path),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    ...(description === undefined ? {} : { description }),
    ...(values.length === 0 ? {} : { picklistValues: values }),
  };
}

/** A `GetFieldInfo` Field record. */
export function fieldFromApi(value: unknown, path: string): SnapshotField {
  const r = asRecord(value, path);
  const body = fieldBody(r, path);
  const isReference = bool(r, 'IsReference', path);
  const reference = optStr(r, 'ReferenceEntityType', path);
  if (isReference && reference === undefined) throw new RecordError(`${path}.ReferenceEntityType`, 'IsReference is true but no entity type is named');
  const picklistParent = optStr(r, 'PicklistParentValueField', path);
  // Key order here is the snapshot's key order.
  const { picklistValues: values, defaultValue, description, ...flags } = body;
  return {
    ...flags,
    ...(isReference && reference !== undefined ? { reference } : {}),
    ...(picklistParent === undefined ? {} : { picklistParent }),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    ...(description === undefined ? {} : { description }),
    ...(values === undefined ? {} : { picklistValues: values }),
  };
}

/** A `getUDFInfo` Field record. */
export function udfFromApi(value: unknown, path: string): SnapshotUdf {
  return fieldBody(asRecord(value, path), path);
}

export interface ApiEntityInfo {
  readonly name: string;
  readonly canCreate: boolean;
  readonly canUpdate: boolean;
  readonly canDelete: boolean;
  readonly canQuery: boolean;
  readonly hasUserDefinedFields: boolean;
}

/** A `getEntityInfo` EntityInfo record. */
export function entityInfoFromApi(value: unknown, path: string): ApiEntityInfo {
  const r = asRecord(value, path);
  const name = str(r, 'Name', path);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RecordError(`${path}.Name`, `"${name}" is not a usable entity name`);
  return {
    name,
    canCreate: bool(r, 'CanCreate', path),
    canUpdate: bool(r, 'CanUpdate', path),
    canDelete: bool(r, 'CanDelete', path),
    canQuery: bool(r, 'CanQuery', path),
    hasUserDefinedFields: bool(r, 'HasUserDefinedFields', path),
  };
}

/** Entity metadata from either source: entity info, its fields, and (live) its UDFs. */
export interface MetadataEntity extends ApiEntityInfo {
  readonly fields: readonly SnapshotField[];
  readonly udfs?: readonly SnapshotUdf[];
}

export interface MetadataSet {
  /** The API revision the metadata describes, e.g. "1.6.1". */
  readonly version: string;
  readonly entities: readonly MetadataEntity[];
}
