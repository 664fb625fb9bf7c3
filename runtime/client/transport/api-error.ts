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

/** What an {@link ApiError} holds: the operation, the API's messages, and the entities' outcomes. */
export interface ApiErrorDetails<T = unknown> {
  readonly operation: string;
  /** Every `ATWSError` message of the answer. */
  readonly messages: readonly string[];
  readonly succeeded?: readonly T[];
  readonly failed?: readonly FailedEntity<T>[];
  readonly unknown?: readonly T[];
}

/** The entities of an {@link ApiError} of one class, as `entitiesOf` gives them. */
export interface EntityOutcomes<T> {
  readonly succeeded: readonly T[];
  readonly failed: readonly FailedEntity<T>[];
  readonly unknown: readonly T[];
}

/**
 * ATWS answered, but with errors (ReturnCode -1 or `Errors`). For create/update/delete it says
 * what became of every entity handed in: `succeeded`, `failed` (with the API's message, matched
 * through `record number [N]`), or `unknown` (the answer never came, so the outcome is not known).
 */
class ApiErrorClass<T = unknown> extends AtwsError {
  override readonly name: string = 'ApiError';
  readonly details: ApiErrorDetails<T>;
  constructor(message: string, details: ApiErrorDetails<T>, options: AtwsErrorOptions = {}) {
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

  /**
   * The entities of one class and their outcomes, typed by it: what `e instanceof ApiError` cannot
   * know (a catch clause sees an error of any action), checked entity by entity.
   *
   * @example
   * if (e instanceof ApiError) for (const { entity, message } of e.entitiesOf(Ticket).failed) console.log(entity.Title, message);
   */
  entitiesOf<C>(cls: abstract new (...args: never[]) => C): EntityOutcomes<C> {
    const is = (entity: T): entity is T & C => entity instanceof cls;
    return {
      succeeded: this.succeeded.filter(is),
      failed: this.failed.filter((f): f is FailedEntity<T & C> => is(f.entity)),
      unknown: this.unknown.filter(is),
    };
  }
}

/**
 * ATWS answered, but with errors (ReturnCode -1 or `Errors`); see {@link ApiErrorDetails}. Its
 * entities are `unknown` to a catch clause (`e instanceof ApiError` narrows to `ApiError<unknown>`,
 * never to `ApiError<any>`): {@link ApiErrorClass.entitiesOf} types them by their class.
 */
export type ApiError<T = unknown> = ApiErrorClass<T>;

/** The `ApiError` class: its `prototype` is typed `ApiError<unknown>`, which is what `instanceof` narrows to. */
export interface ApiErrorConstructor {
  new <T = unknown>(message: string, details: ApiErrorDetails<T>, options?: AtwsErrorOptions): ApiError<T>;
  readonly prototype: ApiError<unknown>;
}

// A generic class's `prototype` is typed with `any` type arguments, so `e instanceof` the class itself
// would narrow to ApiError<any> and let `e.failed[0].entity.Titel` compile.
export const ApiError: ApiErrorConstructor = ApiErrorClass;
