/**
 * Thread limiting as Autotask's "API thread limiting" page describes it: the limit applies to each
 * pair of API tracking identifier and object endpoint, three simultaneous requests for
 * integrations made since 2023.1; ZoneInformation requests are exempt. A request past the limit is
 * refused, not queued: production answers it "Thread Threshold Exceeded ... The Autotask API
 * thread threshold of 3 threads has been exceeded" (reported from production in
 * msoukhomlinov/n8n-nodes-autotask pull requests #107 and #110, issue #4: "up to 3 ... working
 * fine. Once there's 4 or more it errors"). How the refusal is worded on the wire is each front's
 * (SOAP: a SOAP Fault, our choice); which endpoint a request counts against is the front's to read
 * from its parsed call (`threadEndpoint` of atws/protocol).
 */

/** The key the limit counts by: tracking identifier and object endpoint. */
export function threadKey(trackingId: string, endpoint: string): string {
  return `${trackingId}\u0000${endpoint}`;
}

/** Requests in flight per key (tracking identifier + object endpoint). */
export class ThreadLimiter {
  private readonly inFlight = new Map<string, number>();
  /**
   * `limit` 0 means unlimited. `peak` records the most ever in flight at once per key, for tests
   * and benchmarks.
   */
  constructor(
    readonly limit: number,
    readonly peak: Map<string, number> = new Map(),
  ) {}

  /** Takes a slot; false when the key already has `limit` requests in flight. */
  tryAcquire(key: string): boolean {
    const now = this.inFlight.get(key) ?? 0;
    if (this.limit > 0 && now >= this.limit) return false;
    this.inFlight.set(key, now + 1);
    if (now + 1 > (this.peak.get(key) ?? 0)) this.peak.set(key, now + 1);
    return true;
  }

  release(key: string): void {
    const now = this.inFlight.get(key) ?? 0;
    if (now <= 1) this.inFlight.delete(key);
    else this.inFlight.set(key, now - 1);
  }
}
