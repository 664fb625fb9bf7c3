/**
 * One error hierarchy for everything the client throws. Each error carries what a support ticket
 * needs (operation, HTTP status, the start of a bad body) and never a password or integration code:
 * whoever builds an error, its message and the answer texts it quotes pass through the one
 * redaction of every login's secrets (runtime/protocol/redaction.ts) when it is made, so the stack (made
 * from the message) is clean too.
 */
import { redactKnownSecrets } from './redaction.js';

export interface AtwsErrorOptions {
  cause?: unknown;
}

/** Base of every error this package throws. */
export class AtwsError extends Error {
  override readonly name: string = 'AtwsError';
  constructor(message: string, options: AtwsErrorOptions = {}) {
    super(redactKnownSecrets(String(message)), options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** The caller passed something wrong (a wrong type, an unknown entity or field, a bad option). */
export class UsageError extends AtwsError {
  override readonly name: string = 'UsageError';
}

/** ATWS refused the credentials (it answers them with HTTP 401 and a body that is not SOAP). */
export class AuthenticationError extends AtwsError {
  override readonly name: string = 'AuthenticationError';
  constructor(
    message: string,
    readonly status: number | undefined,
    options: AtwsErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** `getZoneInfo` knows no zone for the user. */
export class ZoneNotFoundError extends AtwsError {
  override readonly name: string = 'ZoneNotFoundError';
  constructor(
    readonly user: string,
    readonly errorCode: number | undefined,
    options: AtwsErrorOptions = {},
  ) {
    super(
      `No Autotask zone found for user "${user}"` +
        (errorCode === undefined ? '' : ` (getZoneInfo ErrorCode ${errorCode})`) +
        ': check the user name, or pass the zone URL as `url`.',
      options,
    );
  }
}

/** The request did not get a usable SOAP answer: connection error, timeout, HTTP error, bad XML. */
export class TransportError extends AtwsError {
  override readonly name: string = 'TransportError';
  constructor(
    message: string,
    readonly details: {
      readonly operation?: string;
      readonly status?: number;
      /** The first characters of a body that was not the SOAP answer expected. */
      readonly bodyStart?: string;
      /** A Node.js error code such as ECONNRESET or ETIMEDOUT. */
      readonly code?: string;
      /** What the server's `Retry-After` asked for (429, 503), in milliseconds. */
      readonly retryAfterMs?: number;
      /** Attempts made before giving up (retries included). */
      readonly attempts?: number;
      /** Milliseconds from the first attempt to giving up. */
      readonly elapsedMs?: number;
    } = {},
    options: AtwsErrorOptions = {},
  ) {
    super(message, options);
    if (details.bodyStart !== undefined) this.details = { ...details, bodyStart: redactKnownSecrets(details.bodyStart) };
  }
  get status(): number | undefined {
    return this.details.status;
  }
}

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

/** A picklist label that the picklist does not hold. */
export class PicklistLabelError extends AtwsError {
  override readonly name: string = 'PicklistLabelError';
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly label: string,
    readonly validLabels: readonly string[],
  ) {
    super(
      `"${label}" is not a label of picklist ${entity}.${field}; valid labels: ` +
        validLabels.map((l) => JSON.stringify(l)).join(', '),
    );
  }
}
