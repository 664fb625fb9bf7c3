/**
 * How a front's wire text reads as typed values. The tenant service works on typed values (a date
 * is an instant, a number a number); a front whose wire carries text it does not type itself
 * (SOAP: queryxml values and entity fields are text whatever the field's type) hands the text over
 * with the reading of its wire. SOAP's is XML Schema's lexical forms with date-times as US Eastern
 * wall clock (soap/soap-reading.ts); a REST front reads ISO 8601 date-times in UTC.
 */
import type { FieldType, FieldValue } from 'atws/protocol';

/** How a wire names instants in date-time text. */
export interface DateInterpretation {
  /** The instant a date-time text names; throws when it names none. */
  parse(text: string): Date;
  /**
   * Why a text that parses still names no instant of this wire's clock (a local time skipped when
   * the clocks move ahead), as the message the API gives; undefined for any other text.
   */
  invalidTime(text: string): string | undefined;
  /** The calendar day (`YYYY-MM-DD`) an instant falls on in this wire's clock, for IsThisDay. */
  day(instant: Date): string;
}

export interface WireReading {
  readonly dates: DateInterpretation;
  /**
   * A value of a field type other than string from its wire text (already trimmed); throws when
   * the text is no value of the type.
   */
  fieldValue(type: FieldType, text: string): FieldValue;
}
