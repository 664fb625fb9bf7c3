/**
 * When a failed request may be sent again, and how long to wait first. Only requests that are
 * safe to repeat are retried (each transport says which: `HttpRequest.idempotent`); never a create,
 * which could make a duplicate. A server that says how long to wait (`Retry-After` on a 429 or
 * 503) is obeyed, within the call's deadline.
 */
import { TransportError } from '../../protocol/errors.js';

/** Connection-level failures worth another attempt: the peer reset or refused, or nothing came in time. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Connection failures that mean the request never got to the server: nothing of it was applied. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether a failed attempt may have reached the server (and a write been applied): anything but
 * a connection that was never made, or a 429 (the server refused the request before doing it).
 */
export function mayHaveReachedServer(error: unknown): boolean {
  if (!(error instanceof TransportError)) return true;
  const { status, code } = error.details;
  if (status !== undefined) return status !== 429;
  return code === undefined || !NOT_SENT_CODES.has(code);
}

/** Code of the timeout that the call's overall deadline cut short: retrying cannot help. */
export const DEADLINE_CODE = 'EDEADLINE';

/** True for a reset, a timeout, a 429 (too many requests) or a 5xx answer that was not the wire's own (a SOAP fault). */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof TransportError)) return false;
  const { status, code } = error.details;
  if (status !== undefined) return status === 429 || (status >= 500 && status <= 599);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/** Full-jitter exponential backoff: a random delay in [0, base * 2^attempt], capped at 10 s. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10_000, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * A `Retry-After` header in milliseconds: delay-seconds or an HTTP date (RFC 9110 10.2.3);
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before the next attempt: what the server asked for, else backoff. */
export function retryDelay(error: unknown, attempt: number, baseMs: number, random: () => number = Math.random): number {
  const asked = error instanceof TransportError ? error.details.retryAfterMs : undefined;
  return asked ?? backoffDelay(attempt, baseMs, random);
}
