import { AtwsError } from '../../errors.js';

/**
 * XML that is not well-formed (or ends too early). The message says what and where, and quotes
 * no more than a short stretch of the document.
 */
export class XmlSyntaxError extends AtwsError {
  override readonly name: string = 'XmlSyntaxError';
}
