/**
 * The API's two refusals for going too fast, as typed errors: a request past the thread limit
 * (refused, not queued or applied), and a request past the hourly request threshold.
 */
import { ApiError } from './api-error.js';

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
