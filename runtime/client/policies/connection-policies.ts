/**
 * A connection's policies around its transport, from its options: one endpoint limiter (the thread
 * limit) shared by every call, the retry of thread-limit refusals, and the usage pacer. The pacer
 * reads the usage through the transport with the limits but without the pacing, so that its own
 * read neither waits on itself nor escapes the thread limit.
 */
import type { Transport } from '../transport/transport.js';
import { endpointLimit, threadLimitRetry, usagePacing } from './call-steps.js';
import { EndpointLimiter } from './endpoint-limiter.js';
import { LimitedTransport } from './limited-transport.js';
import { UsagePacer } from './usage-pacer.js';

export interface PolicyOptions {
  /** Requests in flight at once per endpoint. */
  readonly threadLimit: number;
  /** Read the usage every this many requests; 0 never reads it on its own (no pacing). */
  readonly usageCheckEvery: number;
  /** At this usage percentage requests are spaced. */
  readonly slowAtPercent: number;
}

/** `transport` with the connection's limits around every call. */
export function withPolicies(transport: Transport, options: PolicyOptions): Transport {
  const limits = [threadLimitRetry(), endpointLimit(new EndpointLimiter(options.threadLimit))];
  const unpaced = new LimitedTransport(transport, limits);
  if (options.usageCheckEvery === 0) return unpaced;
  const pacer = new UsagePacer(() => unpaced.thresholdAndUsage(), { checkEvery: options.usageCheckEvery, slowAtPercent: options.slowAtPercent });
  // What the caller reads (at.getThresholdAndUsageInfo()) also paces the connection.
  return new LimitedTransport(transport, [usagePacing(pacer), ...limits], (usage) => pacer.observe(usage));
}
