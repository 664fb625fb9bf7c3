/**
 * An entity as a front hands it to a write: its type and id as sent, its fields and its UDFs.
 * Field values are typed, or wire text: a string given for a field that is not a string field is
 * read with the caller's {@link WireReading} (SOAP sends every value as text); `null` clears.
 */
import type { FieldValue } from 'atws/protocol';

export interface IncomingEntity {
  /** The entity type named (SOAP's `xsi:type`, a REST path's entity), if any. */
  readonly type: string | undefined;
  /** The id as sent: a number, or its text; undefined when none was sent. */
  readonly id: number | string | undefined;
  /** Field name as sent -> value; null for a field sent without a value (`xsi:nil`). */
  readonly fields: ReadonlyMap<string, FieldValue | null>;
  /** UDF name -> value; null for a UDF sent without a value. */
  readonly udfs: ReadonlyMap<string, string | null>;
}
