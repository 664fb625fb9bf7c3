import { AtwsError } from '../../errors.js';

/** A queryxml document (or query tree) that is malformed or uses something unknown; the message says what. */
export class QueryXmlError extends AtwsError {
  override readonly name: string = 'QueryXmlError';
}
