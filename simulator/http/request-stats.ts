/**
 * What the simulator's HTTP server counts, as `RunningSimulator.stats` hands it to tests. Kept
 * apart from the server so that the public declarations name no `node:http` type: a user's
 * project without @types/node compiles against `@atws/simulator`.
 */
export interface RequestStats {
  /** Calls answered (or faulted), by operation name. */
  readonly byOperation: Map<string, number>;
  /** Faults injected, by kind and moment (`reset/after`, `http500/before`, `slow`). */
  readonly faults: Map<string, number>;
  total: number;
  /** Requests refused by the thread limit. */
  threadLimited: number;
  /** The most requests ever in flight at once, per tracking identifier and object endpoint. */
  readonly threadPeaks: Map<string, number>;
}
