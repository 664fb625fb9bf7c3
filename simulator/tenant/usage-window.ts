/**
 * The API's request counter: requests in a rolling 60-minute window, as
 * `getThresholdAndUsageInfo` reports them and as the threshold error enforces them.
 */

import { THRESHOLD_WINDOW_MINUTES } from 'atws/protocol';

export const USAGE_WINDOW_MINUTES = THRESHOLD_WINDOW_MINUTES;
const WINDOW_MS = USAGE_WINDOW_MINUTES * 60 * 1000;

export class UsageWindow {
  /** Request times in ascending order; `head` skips the expired ones without shifting the array. */
  private times: number[] = [];
  private head = 0;

  constructor(
    readonly threshold: number,
    private readonly now: () => number = Date.now,
  ) {}

  private expire(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Counts one request; false when it is past the threshold (it is still counted, as the API does). */
  record(): boolean {
    const now = this.now();
    this.expire(now);
    this.times.push(now);
    return this.count() <= this.threshold;
  }

  /**
   * The latency added to an answer at the usage now: none below half the threshold, then rising
   * linearly from half of `maxMs` at 50% to `maxMs` at (and past) 100%. The SOAP thresholds page
   * announces latency as usage nears the threshold without figures; "adding 0.5 to 1 second of
   * delay per call" from 50% is reported by kb.clouddepot.com "Understanding Autotask API Limits".
   */
  latencyMs(maxMs: number): number {
    const usage = this.count() / this.threshold;
    if (maxMs <= 0 || usage < 0.5) return 0;
    return Math.round(maxMs * Math.min(1, usage));
  }

  /** Requests in the window now. */
  count(): number {
    this.expire(this.now());
    return this.times.length - this.head;
  }
}
