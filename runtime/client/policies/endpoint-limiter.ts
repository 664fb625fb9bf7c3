/**
 * Autotask's thread limit, kept on the client side: at most `limit` requests in flight per object
 * endpoint of one tracking identifier (integration code). Production refuses the next one with
 * "Thread Threshold Exceeded" (the "Thread limiting" page of the SOAP help; reported from
 * production in the Autotask community forums), so a connection queues it here instead. One
 * limiter per connection: every cursor, action pipeline and read-back of the connection shares it.
 * The endpoint of a call comes from runtime/protocol/thread-endpoints.ts, which the simulator enforces
 * too; the limiter itself knows endpoints only as names.
 */

import { THREAD_LIMIT } from '../../protocol/limits.js';

/** Autotask's documented thread limit: 3 simultaneous requests per object endpoint. */
export const DEFAULT_THREAD_LIMIT = THREAD_LIMIT;

/** Per-endpoint counting semaphores, first come first served. */
export class EndpointLimiter {
  readonly limit: number;
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  /** The most requests seen in flight at once per endpoint (for tests and benches). */
  readonly peaks = new Map<string, number>();

  constructor(limit: number = DEFAULT_THREAD_LIMIT) {
    this.limit = limit;
  }

  /**
   * Runs `work` once a slot of `endpoint` is free (at once when exempt). With a free slot, `work`
   * starts synchronously: no extra turn of the event loop between the caller and the request.
   */
  run<T>(endpoint: string | undefined, work: () => Promise<T>): Promise<T> {
    if (endpoint === undefined) return work();
    const count = this.active.get(endpoint) ?? 0;
    const started = (): Promise<T> => {
      let running: Promise<T>;
      try {
        running = work();
      } catch (error) {
        running = Promise.reject(error);
      }
      return running.finally(() => this.release(endpoint));
    };
    if (count < this.limit) {
      this.take(endpoint, count);
      return started();
    }
    return new Promise<void>((resolve) => {
      const queue = this.waiting.get(endpoint) ?? [];
      queue.push(resolve);
      this.waiting.set(endpoint, queue);
    }).then(started);
  }

  private take(endpoint: string, count: number): void {
    this.active.set(endpoint, count + 1);
    if ((this.peaks.get(endpoint) ?? 0) < count + 1) this.peaks.set(endpoint, count + 1);
  }

  private release(endpoint: string): void {
    const queue = this.waiting.get(endpoint);
    const next = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.waiting.delete(endpoint);
    // The slot passes straight to the next in line, so a newcomer cannot overtake the queue.
    if (next !== undefined) next();
    else {
      const count = (this.active.get(endpoint) ?? 1) - 1;
      if (count === 0) this.active.delete(endpoint);
      else this.active.set(endpoint, count);
    }
  }
}
