/**
 * What the client throws when the API answered but refused: a call refused as a whole, or an action
 * whose entities did not all succeed (each accounted for as succeeded, failed with the API's
 * message, or unknown). Redacted when made, as every AtwsError is.
 */
import { AtwsError, type AtwsErrorOptions } from '../../protocol/errors.js';
import { redactKnownSecrets } from '../../protocol/redaction.js';

/** One entity the API refused, with the API's own message. */
export interface FailedEntity<T = unknown> {
  readonly entity: T;
  readonly message: string;
}

/**
 * ATWS answered, but with errors (ReturnCode -1 or `Errors`). For create/update/delete it says
 * what became of every entity handed in: `succeeded`, `failed` (with the API's message, matched
 * through `record number [N]`), or `unknown` (the answer never came, so the outcome is not known).
 */
export class ApiError<T = unknown> extends AtwsError {
  override readonly name: string = 'ApiError';
  constructor(
    message: string,
    readonly details: {
      readonly operation: string;
      /** Every `ATWSError` message of the answer. */
      readonly messages: readonly string[];
      readonly succeeded?: readonly T[];
      readonly failed?: readonly FailedEntity<T>[];
      readonly unknown?: readonly T[];
    },
    options: AtwsErrorOptions = {},
  ) {
    super(message, options);
    // The API's messages may quote the request (a server echoing what it was sent).
    this.details = {
      ...details,
      messages: details.messages.map(redactKnownSecrets),
      ...(details.failed === undefined ? {} : { failed: details.failed.map((f) => ({ ...f, message: redactKnownSecrets(f.message) })) }),
    };
  }
  get messages(): readonly string[] {
    return this.details.messages;
  }
  get succeeded(): readonly T[] {
    return this.details.succeeded ?? [];
  }
  get failed(): readonly FailedEntity<T>[] {
    return this.details.failed ?? [];
  }
  get unknown(): readonly T[] {
    return this.details.unknown ?? [];
  }
}
