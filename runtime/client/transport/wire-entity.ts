/**
 * Entities between a transport and the transport-independent client. Going in, a transport reads
 * an entity off its wire as a `WireEntity` (field values as the wire writes them: SOAP's text,
 * REST's JSON values) and hands it, with its `FieldDecoding`, to the client's `EntityDecoder`,
 * which makes the generated class instance and types every field by the metadata. Going out, the
 * client hands the transport an `OutgoingEntity` (typed values, the fields the operation carries),
 * which the transport writes in its own form.
 */
import type { EntityMeta, FieldType, FieldValue } from '../../protocol/metadata.js';

/** One entity as a transport read it, its field values still in the wire's form `W`. */
export interface WireEntity<W> {
  /** The entity type, e.g. "Ticket". */
  readonly type: string;
  readonly id: number | undefined;
  /** Field name -> value as the wire sent it, in the wire's order; `id` and UDFs not included. */
  readonly fields: Iterable<readonly [string, W]>;
  /** User-defined fields in order; null when the UDF has no value. */
  readonly udfs: ReadonlyArray<readonly [string, string | null]>;
}

/** A wire value -> the field's value; undefined leaves the field absent. Throws on a value that is not of the type. */
export type FieldDecoder<W> = (value: W) => FieldValue | undefined;

/**
 * How a wire writes field values: the decoder of each field type (asked once per field of an
 * entity class, then reused entity after entity, so it should be one stable object per wire).
 */
export interface FieldDecoding<W> {
  decoderOf(type: FieldType): FieldDecoder<W>;
  /** A value of a field the metadata does not know (a later API revision), as the text kept for it. */
  text(value: W): string;
}

/**
 * Makes the client's object of one entity read off a wire, typed by the metadata through the
 * wire's field decoding. What a cursor or write hands a transport.
 */
export type EntityDecoder<T> = <W>(entity: WireEntity<W>, decoding: FieldDecoding<W>) => T;

/** An entity going to create/update/delete (or an attachment's info), in typed values. */
export interface OutgoingEntity {
  readonly meta: EntityMeta;
  /** Undefined on create (the API gives it). */
  readonly id: number | undefined;
  /** The fields the operation carries that hold a value, in metadata order (strings trimmed). */
  readonly values: { readonly [field: string]: FieldValue };
  /** User-defined fields in order (none on delete); a null value names the UDF with no value. */
  readonly udfs: Iterable<readonly [string, string | null]>;
  /** Fields to send empty, which update clears on purpose. */
  readonly nil: ReadonlySet<string>;
  /** Fields the metadata does not know, as the text the API sent them with (null: sent empty). */
  readonly extra: Iterable<readonly [string, string | null]>;
}

/**
 * A copy of a string that does not pin the text it was cut from. A streaming parser hands out
 * slices of the chunk being parsed, and V8 keeps a slice of 13+ characters as a view on its
 * parent, so one kept field value would keep a whole chunk (and so the whole page's text) alive
 * and make the young-generation GC copy and promote it. Concatenating then slicing forces a flat copy.
 */
export function detachedString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
