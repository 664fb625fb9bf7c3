/**
 * How REST's text reads as values. Autotask's REST API "stores and returns all time data in
 * Coordinated Universal Time" and takes date-times as `yyyy-mm-ddThh:mm:ss.ms` ("Introduction to
 * REST API calls"); its official Postman collection sends them without a zone (`2030-03-21T00:00:00`)
 * and production answers carry `Z`: both read as UTC. A date alone is midnight UTC. An explicit
 * offset (`+02:00`) is ISO 8601's and read as written (our choice: no page names one). UTC has no
 * skipped local times, so no text that parses is refused as an invalid time.
 */
import type { FieldType, FieldValue } from 'atws/protocol';
import type { WireReading } from '../tenant/wire-reading.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/i;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The instant an ISO 8601 date or date-time names, UTC unless it carries an offset; throws otherwise. */
export function parseRestDateTime(text: string): Date {
  const match = DATE_TIME.exec(text.trim());
  if (!match) throw new RangeError(`Not an ISO 8601 date-time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const ms = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  // Date.UTC rolls 2025-02-30 over into March: a date that does not round-trip does not exist.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a valid date-time: ${JSON.stringify(text)}`);
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh = '0', om = '0'] = zone.slice(1).split(':');
    if (Number(oh) > 23 || Number(om) > 59) throw new RangeError(`Not a valid offset: ${JSON.stringify(text)}`);
    offsetMinutes = sign * (Number(oh) * 60 + Number(om));
  }
  return new Date(local - offsetMinutes * 60_000);
}

/** A date-time as production's REST answers write it: UTC with milliseconds and `Z` (`2012-10-24T05:00:00.000Z`). */
export function formatRestDateTime(instant: Date): string {
  return instant.toISOString();
}

function fieldValue(type: FieldType, text: string): FieldValue {
  switch (type) {
    case 'string':
      return text;
    case 'integer':
    case 'long':
    case 'short': {
      const n = Number(text);
      if (!INTEGER.test(text) || !Number.isSafeInteger(n)) throw new RangeError(`Not an integer: ${JSON.stringify(text)}`);
      return n;
    }
    case 'double':
    case 'float': {
      const n = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(n)) throw new RangeError(`Not a number: ${JSON.stringify(text)}`);
      return n;
    }
    case 'decimal':
      if (!DECIMAL.test(text)) throw new RangeError(`Not a decimal: ${JSON.stringify(text)}`);
      return text;
    case 'boolean': {
      // The Postman collection sends "True"/"False" as text; the query pages demand true or false.
      const t = text.toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      throw new RangeError(`Not a boolean: ${JSON.stringify(text)}`);
    }
    case 'datetime':
      return parseRestDateTime(text);
  }
}

export const REST_READING: WireReading = {
  dates: {
    parse: parseRestDateTime,
    invalidTime: () => undefined,
    day: (instant) => instant.toISOString().slice(0, 10),
  },
  fieldValue,
};
