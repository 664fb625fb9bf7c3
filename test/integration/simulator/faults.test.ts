import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { call, entity, faultOf, mutate } from './soap-helpers.js';

type Outcome = 'ok' | 'reset' | 'http500';

async function createOne(sim: RunningSimulator, title: string): Promise<Outcome> {
  const body = `<Entities>${entity('Ticket', { Title: title, AccountID: 0, DueDateTime: '2025-01-01T09:00:00', Priority: 1, Status: 1 })}</Entities>`;
  try {
    const answer = await call(sim, 'create', body);
    if (answer.status === 500) {
      assert.doesNotMatch(answer.text, /Envelope/);
      return 'http500';
    }
    assert.equal(answer.status, 200);
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof TypeError, String(error));
    return 'reset';
  }
}

function titled(sim: RunningSimulator, title: string): boolean {
  for (const r of sim.store.scan('Ticket', 11)) if (r.values['Title'] === title) return true;
  return false;
}

async function run(seed: number): Promise<{ outcomes: Outcome[]; applied: boolean[]; faults: Map<string, number> }> {
  const sim = await startSimulator({ tickets: 10, faults: 'reset=0.3,http500=0.3', faultSeed: seed });
  try {
    const outcomes: Outcome[] = [];
    const applied: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      outcomes.push(await createOne(sim, `fault run ${i}`));
      applied.push(titled(sim, `fault run ${i}`));
    }
    return { outcomes, applied, faults: new Map(sim.stats.faults) };
  } finally {
    await sim.close();
  }
}

describe('simulator faults', () => {
  it('drops connections and answers HTTP 500, before or after applying, reproducibly under a seed', async () => {
    const first = await run(7);
    const second = await run(7);
    assert.deepEqual(second.outcomes, first.outcomes);
    assert.deepEqual(second.applied, first.applied);
    for (const kind of ['reset', 'http500'] as const) {
      const indexes = first.outcomes.flatMap((o, i) => (o === kind ? [i] : []));
      assert.ok(indexes.length > 0, `no ${kind} in 40 requests`);
      const after = indexes.filter((i) => first.applied[i]).length;
      assert.equal(after, first.faults.get(`${kind}/after`) ?? 0);
      assert.equal(indexes.length - after, first.faults.get(`${kind}/before`) ?? 0);
    }
    assert.ok((first.faults.get('reset/after') ?? 0) + (first.faults.get('http500/after') ?? 0) > 0, 'no fault after applying');
    assert.ok((first.faults.get('reset/before') ?? 0) + (first.faults.get('http500/before') ?? 0) > 0, 'no fault before applying');
    first.outcomes.forEach((o, i) => o === 'ok' && assert.ok(first.applied[i]));
    const other = await run(8);
    assert.notDeepEqual(other.outcomes, first.outcomes);
  });

  it('adds latency and slow answers', async () => {
    const sim = await startSimulator({ tickets: 1, latencyMs: 60, faults: 'slow=1:150', faultSeed: 1 });
    try {
      const started = Date.now();
      const answer = await call(sim, 'GetWsdlVersion', '');
      assert.equal(answer.status, 200);
      assert.ok(Date.now() - started >= 200, `answered in ${Date.now() - started} ms`);
      assert.equal(sim.stats.faults.get('slow'), 1);
    } finally {
      await sim.close();
    }
  });

  it('answers the threshold error past --threshold requests in the window, and still reports usage', async () => {
    const sim = await startSimulator({ tickets: 1, threshold: 3 });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await call(sim, 'GetWsdlVersion', '')).status, 200);
      const refused = await call(sim, 'GetWsdlVersion', '');
      assert.equal(refused.status, 500);
      assert.match(faultOf(refused), /threshold exceeded.*ThresholdOfExternalRequest: 3/i);
      const created = await mutate(sim, 'create', []).catch((e: Error) => e);
      assert.ok(created instanceof Error);
      const usage = await call(sim, 'getThresholdAndUsageInfo', '');
      assert.equal(usage.status, 200);
      assert.match(usage.text, /numberOfExternalRequest: 6;/);
    } finally {
      await sim.close();
    }
  });

  it('refuses a bad fault spec with a message naming it', async () => {
    await assert.rejects(startSimulator({ faults: 'boom=1' }), /Bad fault "boom=1"/);
    await assert.rejects(startSimulator({ faults: 'reset=2' }), /between 0 and 1/);
    await assert.rejects(startSimulator({ faults: 'reset=0.7,http500=0.7' }), /more than 1/);
  });
});
