/**
 * Field values between their wire text and memory, per `FieldType`: integer/long/short/double/float
 * as numbers, datetime as `Date` (US Eastern on the wire), boolean as boolean, string as string,
 * decimal as its exact decimal text (never through a binary float, so nothing is lost).
 *
 * The texts here are lexical values, NOT escaped: whoever writes them into XML escapes them.
 */
import { AtwsError, UsageError } from '../../errors.js';
import type { FieldMeta, FieldType, FieldValue } from '../../metadata.js';
import { formatEasternWire, parseEastern } from '../../time/eastern.js';
import { quote } from '../../redaction.js';

/** Wire text that is not a valid lexical value of its field type. */
export class FieldDecodeError extends AtwsError {
  override readonly name: string = 'FieldDecodeError';
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const XSD_OF_TYPE: { readonly [T in FieldType]: string } = {
  boolean: 'xsd:boolean',
  datetime: 'xsd:dateTime',
  decimal: 'xsd:decimal',
  double: 'xsd:double',
  float: 'xsd:float',
  integer: 'xsd:int',
  long: 'xsd:long',
  short: 'xsd:short',
  string: 'xsd:string',
};

const TYPE_OF_XSD: ReadonlyMap<string, FieldType> = new Map(Object.entries(XSD_OF_TYPE).map(([type, xsd]) => [xsd.slice(4), type as FieldType]));

/**
 * The `xsi:type` ATWS writes on a field of a type.
 *
 * @example xsdTypeOf('integer') // "xsd:int"
 */
export function xsdTypeOf(type: FieldType): string {
  const xsd = XSD_OF_TYPE[type];
  if (xsd === undefined) throw new UsageError(`Unknown field type ${JSON.stringify(type)}`);
  return xsd;
}

/**
 * The field type of an `xsi:type` value, whatever its prefix (or none); undefined when unknown.
 *
 * @example fieldTypeOfXsd('xsd:dateTime') // "datetime"
 */
export function fieldTypeOfXsd(xsd: string): FieldType | undefined {
  return TYPE_OF_XSD.get(xsd.slice(xsd.indexOf(':') + 1));
}

function invalid(type: FieldType, text: string): FieldDecodeError {
  return new FieldDecodeError(`Not a valid ${type} value: ${JSON.stringify(quote(text, 83, '...'))}`);
}

/**
 * Reads a field's wire text into its in-memory value. Throws `FieldDecodeError` when the text is
 * not a valid value of the type (surrounding whitespace is ignored except for strings).
 *
 * @example decodeFieldValue('datetime', '2024-03-10T01:59:59.5') // Date 2024-03-10T06:59:59.500Z
 */
export function decodeFieldValue(type: FieldType, text: string): FieldValue {
  switch (type) {
    case 'string':
      return text;
    case 'integer':
    case 'long':
    case 'short': {
      const t = text.trim();
      if (!INTEGER.test(t)) throw invalid(type, text);
      return Number(t);
    }
    case 'double':
    case 'float': {
      const t = text.trim();
      if (DOUBLE.test(t)) return Number(t);
      if (t === 'INF' || t === '+INF') return Number.POSITIVE_INFINITY;
      if (t === '-INF') return Number.NEGATIVE_INFINITY;
      if (t === 'NaN') return Number.NaN;
      throw invalid(type, text);
    }
    case 'decimal': {
      const t = text.trim();
      if (!DECIMAL.test(t)) throw invalid(type, text);
      return t;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw invalid(type, text);
    }
    case 'datetime':
      try {
        return parseEastern(text);
      } catch (error) {
        throw new FieldDecodeError(`Not a valid datetime value: ${JSON.stringify(text)}`, { cause: error });
      }
    default:
      throw new UsageError(`Unknown field type ${JSON.stringify(type)}`);
  }
}

const INTEGER_RANGES: { readonly [T in 'integer' | 'short' | 'long']: readonly [bigint, bigint] } = {
  short: [-32_768n, 32_767n],
  integer: [-2_147_483_648n, 2_147_483_647n],
  long: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(quote(value, 83, '...'))}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `the ${typeof value} ${String(value)}`;
}

function wrongValue(field: FieldMeta, value: unknown, expected: string): UsageError {
  return new UsageError(`Field "${field.name}" (${field.type}) cannot take ${describeValue(value)}: expected ${expected}`);
}

/** Plain decimal digits of a finite number (no exponent), shortest round-trip form. */
function plainDecimal(n: number): string {
  const s = String(n);
  const e = s.search(/e/i);
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

/**
 * Writes a value as the lexical text of its field's type (unescaped). Throws `UsageError` naming
 * the field and the value when the JS value does not fit the type: a number for integer types
 * (an integer within the type's range; a bigint is also taken), a number for double/float, a
 * decimal string or finite number for decimal, a boolean, a valid `Date`, a string.
 * String lengths are the server's to check.
 *
 * @example encodeFieldValue(meta.fields.CreateDate, new Date('2024-07-01T12:00:00Z')) // "2024-07-01T08:00:00"
 */
export function encodeFieldValue(field: FieldMeta, value: unknown): string {
  const type = field.type;
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw wrongValue(field, value, 'a string');
      return value;
    case 'integer':
    case 'long':
    case 'short': {
      const [min, max] = INTEGER_RANGES[type];
      const expected = `an integer from ${min} to ${max}`;
      if (typeof value === 'bigint') {
        if (value < min || value > max) throw wrongValue(field, value, expected);
        return String(value);
      }
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongValue(field, value, expected);
      if (!Number.isSafeInteger(value) || BigInt(value) < min || BigInt(value) > max) {
        throw wrongValue(field, value, type === 'long' ? `a safe integer (or a bigint) from ${min} to ${max}` : expected);
      }
      return String(value);
    }
    case 'double':
    case 'float':
      if (typeof value !== 'number') throw wrongValue(field, value, 'a number');
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
      return Object.is(value, -0) ? '-0' : String(value);
    case 'decimal':
      if (typeof value === 'string') {
        const t = value.trim();
        if (!DECIMAL.test(t)) throw wrongValue(field, value, 'decimal text such as "12.50"');
        return t;
      }
      if (typeof value === 'bigint') return String(value);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw wrongValue(field, value, 'decimal text such as "12.50" or a finite number');
      }
      return Object.is(value, -0) ? '-0' : plainDecimal(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongValue(field, value, 'true or false');
      return value ? 'true' : 'false';
    case 'datetime':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw wrongValue(field, value, 'a valid Date');
      try {
        return formatEasternWire(value);
      } catch (error) {
        if (error instanceof UsageError) throw new UsageError(`Field "${field.name}" (datetime): ${error.message}`, { cause: error });
        throw error;
      }
    default:
      throw new UsageError(`Field "${field.name}" has an unknown type ${JSON.stringify(type)}`);
  }
}
