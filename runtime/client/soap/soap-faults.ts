/**
 * A SOAP fault as the client's typed error: the API's refusals for going too fast (the thread
 * limit, the request threshold) as their own classes, any other fault as an ApiError quoting it.
 */
import { ApiError } from '../transport/api-error.js';
import { THREAD_LIMIT_REFUSAL, THRESHOLD_REFUSAL } from '../../protocol/limits.js';
import { ThreadLimitError, ThresholdExceededError } from '../transport/limit-errors.js';

/** The typed error of a SOAP fault, when it is one of the limit refusals; undefined otherwise. */
export function limitError(operation: string, code: string, message: string): ApiError | undefined {
  const text = `${operation}: SOAP fault ${code}: ${message}`;
  if (THREAD_LIMIT_REFUSAL.test(message)) return new ThreadLimitError(text, { operation, messages: [message] });
  if (operation !== 'getThresholdAndUsageInfo' && THRESHOLD_REFUSAL.test(message))
    return new ThresholdExceededError(text, { operation, messages: [message] });
  return undefined;
}

/** The error a SOAP fault answering an operation stands for. */
export function faultError(operation: string, fault: { readonly code: string; readonly message: string }): ApiError {
  return (
    limitError(operation, fault.code, fault.message) ??
    new ApiError(`${operation}: SOAP fault ${fault.code}: ${fault.message}`, { operation, messages: [fault.message] })
  );
}
