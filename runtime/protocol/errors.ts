/**
 * The errors client, simulator and code generator share: the base of every error the package
 * throws, bad usage, refused credentials, an unknown zone, no usable answer. Each error carries
 * what a support ticket needs (operation, HTTP status, the start of a bad body) and never a password
 * or integration code: whoever builds an error, its message and the answer texts it quotes pass
 * through the one redaction of every login's secrets (runtime/protocol/redaction.ts) when it is
 * made, so the stack (made from the message) is clean too. The API's refusals as the client reports
 * them (ApiError and its kinds) are the client's: runtime/client/transport/api-error.ts.
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
