/**
 * Injected faults: per request, with a seeded PRNG so that a run can be replayed exactly.
 *
 * Spec: `reset=0.05,http500=0.02,slow=0.02:3000` (probability per request of a dropped connection,
 * an HTTP 500, a slow answer of 3000 ms). A `reset` or `http500` fault strikes either before the
 * operation runs or after it was applied (and saved) with its answer thrown away: real networks do
 * both, and only the second leaves a client with an "unknown" outcome to reconcile. Which one is
 * drawn from the same seeded PRNG, half and half, so both are exercised reproducibly.
 */

import { seededRandom } from '../tenant/seeded-random.js';

export interface FaultSpec {
  reset: number;
  http500: number;
  slow: number;
  slowMs: number;
}

/** What happens to one request. `when` says whether the operation is applied before the fault. */
export type FaultDecision = { kind: 'none'; slowMs: number } | { kind: 'reset' | 'http500'; when: 'before' | 'after'; slowMs: number };

const DEFAULT_SLOW_MS = 3000;

/** Parses a fault spec; throws a RangeError naming the bad part. */
export function parseFaultSpec(spec: string): FaultSpec {
  const result: FaultSpec = { reset: 0, http500: 0, slow: 0, slowMs: DEFAULT_SLOW_MS };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^(reset|http500|slow)=([0-9.]+)(?::([0-9]+))?$/.exec(part);
    if (!match) {
      throw new RangeError(`Bad fault "${part}" in --faults: expected reset=P, http500=P or slow=P:MS with P between 0 and 1`);
    }
    const [, kind, probabilityText, msText] = match as unknown as [string, keyof FaultSpec, string, string | undefined];
    const probability = Number(probabilityText);
    if (!(probability >= 0 && probability <= 1)) {
      throw new RangeError(`Bad fault probability "${probabilityText}" for ${kind}: must be between 0 and 1`);
    }
    if (msText !== undefined && kind !== 'slow') {
      throw new RangeError(`Bad fault "${part}": only slow takes a duration (slow=P:MS)`);
    }
    result[kind] = probability;
    if (msText !== undefined) result.slowMs = Number(msText);
  }
  if (result.reset + result.http500 > 1) {
    throw new RangeError('Bad --faults: reset + http500 probabilities add up to more than 1');
  }
  return result;
}

/** Draws one decision per request, always consuming the same number of random values. */
export class FaultInjector {
  private readonly random: () => number;
  constructor(
    private readonly spec: FaultSpec,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  next(): FaultDecision {
    const pick = this.random();
    const slowDraw = this.random();
    const whenDraw = this.random();
    const slowMs = slowDraw < this.spec.slow ? this.spec.slowMs : 0;
    const when = whenDraw < 0.5 ? 'after' : 'before';
    if (pick < this.spec.reset) return { kind: 'reset', when, slowMs };
    if (pick < this.spec.reset + this.spec.http500) return { kind: 'http500', when, slowMs };
    return { kind: 'none', slowMs };
  }
}
