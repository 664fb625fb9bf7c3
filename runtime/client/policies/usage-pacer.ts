/**
 * Slowing down before the request threshold (10,000 requests per rolling hour per database, the
 * "API thresholds and limits" page) instead of running into it. Every `checkEvery` requests of a
 * connection (default 250: 2.5% of the default threshold, one extra request in 250) the pacer reads
 * `getThresholdAndUsageInfo`; while the usage is at or past `slowAtPercent` (default 80), requests
 * are spaced to the sustainable rate, `timeframe / threshold` apart (360 ms for 10,000 an hour),
 * so that the window's count stops growing faster than old requests leave it. Below that it adds
 * nothing. Autotask itself adds latency as usage nears the threshold; this keeps the client from
 * being the one that reaches it. Past the threshold the API refuses: that is a ThresholdExceededError.
 */
import type { ThresholdAndUsage } from '../transport/usage-info.js';

export const DEFAULT_USAGE_CHECK_EVERY = 250;
export const DEFAULT_SLOW_AT_PERCENT = 80;

export interface UsagePacerOptions {
  readonly checkEvery?: number;
  readonly slowAtPercent?: number;
}

export class UsagePacer {
  private sinceCheck = 0;
  private checking: Promise<void> | undefined;
  private spacingMs = 0;
  private nextSlot = 0;
  /** The last figures read (by the pacer or by `at.getThresholdAndUsageInfo()`). */
  last: ThresholdAndUsage | undefined;
  private readonly checkEvery: number;
  private readonly slowAt: number;

  constructor(
    private readonly read: () => Promise<ThresholdAndUsage>,
    options: UsagePacerOptions = {},
  ) {
    this.checkEvery = options.checkEvery ?? DEFAULT_USAGE_CHECK_EVERY;
    this.slowAt = options.slowAtPercent ?? DEFAULT_SLOW_AT_PERCENT;
  }

  /** Takes new figures into account. */
  observe(usage: ThresholdAndUsage): void {
    this.last = usage;
    this.spacingMs = usage.percent >= this.slowAt && usage.threshold > 0 ? (usage.timeframe * 60_000) / usage.threshold : 0;
  }

  /**
   * Before one more request: undefined when it may go at once (no extra event-loop turn), else a
   * promise of the wait the usage asks for (or of the periodic usage read).
   */
  beforeRequest(): Promise<void> | undefined {
    if (++this.sinceCheck >= this.checkEvery && this.checking === undefined) {
      this.sinceCheck = 0;
      // A failed check is not the request's failure: the pacing stays as it was.
      this.checking = this.read()
        .then(
          (usage) => this.observe(usage),
          () => undefined,
        )
        .finally(() => (this.checking = undefined));
      return this.checking.then(() => this.spaced());
    }
    return this.spaced();
  }

  private spaced(): Promise<void> | undefined {
    if (this.spacingMs === 0) return undefined;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.spacingMs;
    return slot > now ? new Promise((resolve) => setTimeout(resolve, slot - now)) : undefined;
  }
}
