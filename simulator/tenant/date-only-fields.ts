/**
 * Date-time fields the API keeps as a date only: "To maintain consistency between data submitted
 * via the API and via the UI, Invoice.PaidDate ignores time stamp information and stores the date
 * only" (Invoice entity page, SOAP and REST alike). The day is the caller's, in its wire's clock
 * (SOAP's US Eastern, REST's UTC): the date it wrote, at midnight.
 */
import type { FieldValue } from 'atws/protocol';
import type { DateInterpretation } from './wire-reading.js';

const DATE_ONLY: Readonly<Record<string, readonly string[]>> = {
  Invoice: ['PaidDate'],
};

/** The value a write stores in `entity.field`: a date-only field's instant moved to midnight of its day. */
export function storedValue(entity: string, field: string, value: FieldValue, dates: DateInterpretation): FieldValue {
  if (!(value instanceof Date) || !Object.hasOwn(DATE_ONLY, entity) || !DATE_ONLY[entity]?.includes(field)) return value;
  return dates.parse(`${dates.day(value)}T00:00:00`);
}
