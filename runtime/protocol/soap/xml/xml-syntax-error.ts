import { AtwsError } from '../../errors.js';

/**
 * XML that is not well-formed (or ends too early). The message says what and where, and quotes
 * no more than a short stretch of the document.
 */
export class XmlSyntaxError extends AtwsError {
  override readonly name: string = 'XmlSyntaxError';
}

/**
 * The deepest nesting a parse accepts: ATWS answers and requests nest under 10 deep (a query
 * answer's UDF value is at 9), and each level a parser holds costs memory, so that 30 MB of nested
 * elements would otherwise exhaust the heap. Past it the parse stops with an XmlSyntaxError.
 */
export const MAX_XML_DEPTH = 256;
