/**
 * Field values as REST's JSON writes them, both ways ("Introduction to REST API calls": all time
 * data in UTC; "submit date-time values in the format yyyy-mm-ddThh:mm:ss.ms"):
 * - date-times read with or without `Z` (a time without zone is UTC), written without zone;
 * - integers and picklist values as JSON numbers (numeric strings read too: the API coerces them);
 * - decimals: the generated classes hold their exact text; read from a JSON number as its shortest
 *   text (exact for every value of up to 15 significant digits, which covers the API's money and
 *   quantity fields), written as a JSON number literal of that very text;
 * - a SOAP flag that REST keeps as another kind (SOAP integer 0/1, REST boolean, and back) is
 *   converted by the REST field's type from the REST model.
 */
import type { FieldType, FieldValue } from '../../protocol/metadata.js';
import type { RestFieldType } from '../../protocol/rest/rest-model.js';
import { ApiError } from '../transport/api-error.js';
import { UsageError } from '../../protocol/errors.js';
import type { FieldDecoder, FieldDecoding } from '../transport/wire-entity.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A date-time as the REST API takes it: UTC, no zone, milliseconds. */
export function restDateText(date: Date): string {
  return date.toISOString().slice(0, -1);
}

function notOfType(type: string, value: unknown): ApiError {
  return new ApiError(`the REST answer holds ${JSON.stringify(value)} for a ${type} field`, { operation: 'decode', messages: [] });
}

/** A REST date-time text (with or without zone; none is UTC) as a Date. */
export function parseRestDate(text: string): Date {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) throw notOfType('datetime', text);
  const zone = match[8];
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4] ?? '00'}:${match[5] ?? '00'}:${match[6] ?? '00'}.${(match[7] ?? '0').padEnd(3, '0').slice(0, 3)}`;
  const date = new Date(
    zone === undefined || zone.toUpperCase() === 'Z' ? `${iso}Z` : `${iso}${zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`,
  );
  if (Number.isNaN(date.getTime())) throw notOfType('datetime', text);
  return date;
}

function integer(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  throw notOfType('integer', value);
}

function real(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value);
  throw notOfType('double', value);
}

function decimal(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  throw notOfType('decimal', value);
}

function boolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw notOfType('boolean', value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw notOfType('string', value);
}

const skipNull =
  (read: (value: unknown) => FieldValue): FieldDecoder<unknown> =>
  (value) =>
    value === null || value === undefined ? undefined : read(value);

const DECODERS: Readonly<Record<FieldType, FieldDecoder<unknown>>> = {
  string: skipNull(text),
  integer: skipNull(integer),
  short: skipNull(integer),
  long: skipNull(integer),
  double: skipNull(real),
  float: skipNull(real),
  decimal: skipNull(decimal),
  boolean: skipNull(boolean),
  datetime: skipNull((value) => (value instanceof Date ? value : parseRestDate(text(value)))),
};

/** REST's field values: the JSON values of an item's properties. */
export const REST_FIELD_DECODING: FieldDecoding<unknown> = {
  decoderOf: (type) => DECODERS[type],
  text: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
};

/**
 * A typed value as JSON text for a REST field of `type` (a decimal's exact text as a number
 * literal). Throws UsageError for a value the field cannot take.
 */
export function restJsonValue(value: FieldValue, type: RestFieldType | undefined, where: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UsageError(`${where}: an invalid Date cannot be sent`);
    return JSON.stringify(restDateText(value));
  }
  switch (type) {
    case 'int32':
    case 'int64':
    case 'double':
      if (typeof value === 'boolean') return value ? '1' : '0';
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new UsageError(`${where}: ${String(value)} cannot be sent over REST (JSON has no such number)`);
        return String(value);
      }
      if (DECIMAL.test(value.trim())) return normalizedNumber(value.trim());
      throw new UsageError(`${where}: the REST field takes a number, got ${JSON.stringify(value)}`);
    case 'boolean':
      if (typeof value === 'number') return value !== 0 ? 'true' : 'false';
      return JSON.stringify(typeof value === 'boolean' ? value : /^(true|1)$/i.test(value.trim()));
    default:
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new UsageError(`${where}: ${String(value)} cannot be sent over REST (JSON has no such number)`);
      return JSON.stringify(value);
  }
}

/** A decimal text as a JSON number literal (JSON allows no `+`, no leading `.`, no trailing `.`). */
function normalizedNumber(text: string): string {
  let t = text.startsWith('+') ? text.slice(1) : text;
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  if (t.startsWith('.')) t = `0${t}`;
  t = t.replace(/\.(?=[eE]|$)/, '');
  t = t.replace(/^0+(?=\d)/, '');
  return negative ? `-${t}` : t;
}
