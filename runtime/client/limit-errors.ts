/**
 * The API's two refusals for going too fast, as typed errors: a request past the thread limit
 * (refused, not queued or applied), and a request past the hourly request threshold.
 */
import { ApiError } from '../protocol/errors.js';
import { THREAD_LIMIT_REFUSAL, THRESHOLD_REFUSAL } from '../protocol/limits.js';


/**
 * More simultaneous requests to one object endpoint than the API allows. The request was refused
 * before it ran, so it is safe to send again, even a create.
 */
export class ThreadLimitError extends ApiError {
  override readonly name = 'ThreadLimitError';
}

/** The hourly request threshold of the database is used up; requests are refused until the window moves on. */
export class ThresholdExceededError extends ApiError {
  override readonly name = 'ThresholdExceededError';
}

/** The typed error of a SOAP fault, when it is one of the limit refusals; undefined otherwise. */
export function limitError(operation: string, code: string, message: string): ApiError | undefined {
  const text = `${operation}: SOAP fault ${code}: ${message}`;
  if (THREAD_LIMIT_REFUSAL.test(message)) return new ThreadLimitError(text, { operation, messages: [message] });
  if (operation !== 'getThresholdAndUsageInfo' && THRESHOLD_REFUSAL.test(message)) return new ThresholdExceededError(text, { operation, messages: [message] });
  return undefined;
}
