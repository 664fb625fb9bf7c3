/**
 * The policies that keep a connection inside the API's limits, as steps around any transport's
 * calls (smithy's middleware, in small): each step gets the structured call (what it does, which
 * entity it names) and the rest of the chain, and may wait, queue or repeat it. No step knows a
 * wire format.
 */
import type { Call } from '../../protocol/call.js';
import { callEndpoint } from '../../protocol/thread-endpoints.js';
import { ThreadLimitError } from '../transport/limit-errors.js';
import type { EndpointLimiter } from './endpoint-limiter.js';
import type { UsagePacer } from './usage-pacer.js';

/** One policy: runs `next` (the steps after it, then the call itself) for `call`, or not yet. */
export type CallStep = <T>(call: Call, next: () => Promise<T>) => Promise<T>;

/** Runs a call through the steps, first to last, then `send`. */
export function runSteps<T>(steps: readonly CallStep[], call: Call, send: () => Promise<T>): Promise<T> {
  const at = (i: number): Promise<T> => {
    const step = steps[i];
    return step === undefined ? send() : step(call, () => at(i + 1));
  };
  return at(0);
}

/**
 * Waits before sending again a request the thread limit refused (doubling, with jitter). The
 * refusal happens before the request runs: the thread limiting page describes the request as
 * rejected, and our simulator refuses before any handler (simulator/thread-limit.ts). So
 * even a create is safe to resend. Another client of the same integration code can hold the slots.
 */
export const THREAD_LIMIT_RETRY_DELAYS_MS: readonly number[] = [100, 200, 400, 800, 1600, 3200];

/**
 * Sends a call again after a backoff when the API still refused it for the thread limit (another
 * client of the integration code, or a limit set lower than the connection's `threadLimit`).
 */
export function threadLimitRetry(delays: readonly number[] = THREAD_LIMIT_RETRY_DELAYS_MS): CallStep {
  return async (_call, next) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await next();
      } catch (error) {
        const delay = delays[attempt];
        if (!(error instanceof ThreadLimitError) || delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
      }
    }
  };
}

/** Queues a call for a slot of its endpoint (the connection's one limiter, shared by all its cursors). */
export function endpointLimit(limiter: EndpointLimiter): CallStep {
  return (call, next) => limiter.run(callEndpoint(call), next);
}

/**
 * Spaces calls as the usage asks (usage-pacer.ts). The usage read itself and zone discovery go
 * through at once: the pacer's own read must not wait on the pacer.
 */
export function usagePacing(pacer: UsagePacer): CallStep {
  return (call, next) => {
    if (call.kind === 'usage' || call.kind === 'zoneInfo') return next();
    const wait = pacer.beforeRequest();
    return wait === undefined ? next() : wait.then(next);
  };
}
