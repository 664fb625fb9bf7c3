/**
 * How SOAP writes field values: as text, dates as US Eastern wall clock. The decoders of the hot
 * path, one per field type, read the common shapes without a regex (plain integers, ATWS's own
 * date-time shape, `true`/`false`) and hand anything else to the general `decodeFieldValue`, which
 * reads or rejects it.
 */
import type { FieldType } from '../../protocol/metadata.js';
import { decodeFieldValue } from '../../protocol/soap/xml/field-codec.js';
import { parseEasternFast } from '../../protocol/time/eastern.js';
import { detachedString, type FieldDecoder, type FieldDecoding } from '../transport/wire-entity.js';

// The API pads empty strings to one space; python-atws reads them as ''.
const decodeString: FieldDecoder<string> = (text) => (text === ' ' ? '' : detachedString(text));

/**
 * Plain optionally-signed decimal integers of up to 15 digits (exact in a double, so the same
 * number as `Number(text)`), read without a regex; others take the general path.
 */
function integerDecoder(type: FieldType): FieldDecoder<string> {
  return (text) => {
    const length = text.length;
    if (length === 0) return undefined;
    const negative = text.charCodeAt(0) === 45; /* - */
    if (length - (negative ? 1 : 0) <= 15) {
      let i = negative ? 1 : 0;
      if (i < length) {
        let n = 0;
        for (; i < length; i++) {
          const digit = text.charCodeAt(i) - 48;
          if (digit < 0 || digit > 9) break;
          n = n * 10 + digit;
        }
        if (i === length) return negative ? -n : n;
      }
    }
    return decodeFieldValue(type, text);
  };
}

function textDecoderOf(type: FieldType): FieldDecoder<string> {
  switch (type) {
    case 'string':
      return decodeString;
    case 'integer':
    case 'short':
    case 'long':
      return integerDecoder(type);
    case 'datetime':
      return (text) => (text === '' ? undefined : (parseEasternFast(text) ?? decodeFieldValue(type, text)));
    case 'boolean':
      return (text) => (text === 'true' ? true : text === 'false' ? false : text === '' ? undefined : decodeFieldValue(type, text));
    default:
      return (text) => (text === '' ? undefined : decodeFieldValue(type, text));
  }
}

/** SOAP's field values: the text of each element. */
export const SOAP_FIELD_DECODING: FieldDecoding<string> = {
  decoderOf: textDecoderOf,
  text: detachedString,
};
