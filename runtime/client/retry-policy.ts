/**
 * When a failed request may be sent again, and how long to wait first. Only operations that are
 * safe to repeat are retried: reads, `update` (it sets the same values again) and `delete` (a second
 * delete of the same id changes nothing); never `create`, which could make a duplicate.
 */
import { TransportError } from '../errors.js';

/** Operations that must never be sent twice. */
const NEVER_RETRIED = new Set(['create', 'CreateAttachment']);

export function isRepeatable(operation: string): boolean {
  return !NEVER_RETRIED.has(operation);
}

/** Connection-level failures worth another attempt: the peer reset or refused, or nothing came in time. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** True for a reset, a timeout or a 5xx answer that was not a SOAP fault. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof TransportError)) return false;
  const { status, code } = error.details;
  if (status !== undefined) return status >= 500 && status <= 599;
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/** Full-jitter exponential backoff: a random delay in [0, base * 2^attempt], capped at 10 s. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10_000, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
