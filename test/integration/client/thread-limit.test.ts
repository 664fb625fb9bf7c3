/**
 * Bulk work inside Autotask's limits, over HTTP against the simulator (which enforces 3 requests in
 * flight per integration code and object endpoint, refusing a 4th): one connection running a
 * partitioned export, plain cursors and an update pipeline at once never has more than 3 requests
 * on an endpoint; a partitioned export yields every entity exactly once, in id order unless told
 * otherwise, and sends nothing before it is consumed; a refusal is retried; the threshold is typed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Query, ThresholdExceededError, type Stored } from '../../../runtime/index.js';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { connectTo, TRANSPORTS, transportSuite } from './sim-connect.js';
import { known } from '../../support/known-value.js';
import type { Ticket } from '../../../generated/v1_6/index.js';

const TICKETS = 5_000;
let sim: RunningSimulator;

before(async () => {
  // Latency so that requests overlap and the limit is really approached, even on a loaded machine
  // (at 5 ms, a partitioned export's burst of 8 requests could be served before it all arrived).
  sim = await startSimulator({ tickets: TICKETS, latencyMs: 20, threadLimit: 3 });
});
after(() => sim.close());

const peak = (): number => Math.max(0, ...sim.stats.threadPeaks.values());
const ids = (list: readonly { id: number }[]): number[] => list.map((t) => t.id);

for (const transport of TRANSPORTS) {
  test(
    `over ${transport}: a partitioned export sends nothing until consumed, then yields every ticket once, in id order`,
    transportSuite(transport),
    async () => {
      const at = await connectTo(sim.url, { transport });
      try {
        const before = sim.stats.total;
        const cursor = at.query(new Query('Ticket').where('id', 'GreaterThan', 0), { partitions: 4 });
        await new Promise((resolve) => setTimeout(resolve, 30));
        assert.equal(sim.stats.total, before, 'nothing is sent before the cursor is consumed');
        const got = ids(await cursor.fetchAll());
        const expected = ids(await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
        assert.equal(expected.length, TICKETS);
        assert.deepEqual(got, expected);
        assert.equal(sim.stats.threadLimited, 0);
      } finally {
        at.close();
      }
    },
  );

  test(`over ${transport}: a filtered, unordered partitioned export yields the same set, each once`, transportSuite(transport), async () => {
    const at = await connectTo(sim.url, { transport });
    try {
      const query = (): Query<'Ticket'> => new Query('Ticket').where('id', 'GreaterThan', 700).where('Priority', 'Equals', known(2));
      const plain = ids(await at.query(query()).fetchAll());
      const got = ids(await at.query(query(), { partitions: 3, ordered: false }).fetchAll());
      assert.ok(plain.length > 500, 'more than one page, so the export really partitions');
      assert.equal(new Set(got).size, got.length, 'no ticket twice');
      assert.deepEqual(
        [...got].sort((a, b) => a - b),
        plain,
      );
    } finally {
      at.close();
    }
  });
}

for (const transport of TRANSPORTS) {
  // Packets go out while earlier packets are read back (action-cursor.ts): the writes, the
  // read-backs and the next page of the input share the endpoint's three slots.
  test(
    `over ${transport}: writes that overlap earlier packets' read-backs save and read back each ticket once, in order`,
    transportSuite(transport),
    async () => {
      sim.stats.threadPeaks.clear();
      const limitedBefore = sim.stats.threadLimited;
      // A REST write carries one entity: fewer, so that the test stays short.
      const last = transport === 'soap' ? 1000 : 60;
      const at = await connectTo(sim.url, { transport, concurrency: 3 });
      try {
        const tag = `overlap ${transport}`;
        async function* retitled(): AsyncGenerator<Stored<Ticket>> {
          for await (const t of at.query(new Query('Ticket').where('id', 'LessThanOrEquals', last))) {
            t.Title = `${tag} ${t.id}`;
            yield t;
          }
        }
        const done = await at.update(retitled()).fetchAll();
        assert.deepEqual(
          ids(done),
          Array.from({ length: last }, (_, i) => i + 1),
          'every ticket once, in input order',
        );
        assert.ok(
          done.every((t) => t.Title === `${tag} ${t.id}`),
          'each object holds what was read back',
        );
        const stored = await at.query(new Query('Ticket').where('id', 'LessThanOrEquals', last)).fetchAll();
        assert.ok(
          stored.every((t) => t.Title === `${tag} ${t.id}`),
          'the store holds every update',
        );
        assert.equal(sim.stats.threadLimited - limitedBefore, 0, 'the API never refused a request for the thread limit');
        assert.ok(peak() <= 3, `the peak per endpoint was ${peak()}: it must never pass 3`);
      } finally {
        at.close();
      }
    },
  );
}

test('cursors, a partitioned export and an update pipeline on one connection stay within 3 per endpoint', async () => {
  sim.stats.threadPeaks.clear();
  const limitedBefore = sim.stats.threadLimited;
  const at = await connectTo(sim.url, { concurrency: 3 });
  try {
    const export1 = at.query(new Query('Ticket').where('id', 'GreaterThan', 0), { partitions: 6 }).fetchAll();
    const plain = at.query(new Query('Ticket').where('id', 'GreaterThan', 2000)).fetchAll();
    const toUpdate = await at.query(new Query('Ticket').where('id', 'LessThanOrEquals', 1200)).fetchAll();
    for (const t of toUpdate) t.Title = `bulk ${t.id}`;
    const updated = at.update(toUpdate).fetchAll();
    const [all, some, done] = await Promise.all([export1, plain, updated]);
    assert.equal(all.length, TICKETS);
    assert.equal(some.length, TICKETS - 2000);
    assert.deepEqual(ids(done), ids(toUpdate), 'update results come in input order');
    assert.equal(sim.stats.threadLimited - limitedBefore, 0, 'the API never refused a request for the thread limit');
    // At most 3: how close the peak comes to it depends on timing (a loaded machine may overlap less).
    assert.ok(peak() <= 3 && peak() >= 2, `the peak per endpoint was ${peak()}: it must never pass 3`);
  } finally {
    at.close();
  }
});

for (const transport of TRANSPORTS) {
  test(
    `over ${transport}: a refusal for the thread limit (a client set above it) is retried, and the export still completes`,
    transportSuite(transport),
    async () => {
      // A simulator of its own whose latency dwarfs the time to compute a page: requests overlap for
      // certain, so the fourth of a burst arrives while three are held (with the shared simulator's
      // 20 ms, a loaded machine computed pages more slowly than the slots were freed, and nothing was
      // refused).
      const tickets = 3_000;
      const slow = await startSimulator({ tickets, latencyMs: 250, threadLimit: 3 });
      const at = await connectTo(slow.url, { transport, threadLimit: 8 });
      try {
        const got = ids(await at.query(new Query('Ticket').where('id', 'GreaterThan', 0), { partitions: 8 }).fetchAll());
        assert.ok(slow.stats.threadLimited > 0, 'the server refused some requests');
        assert.deepEqual(
          got,
          Array.from({ length: tickets }, (_, i) => i + 1),
          'every ticket once, in id order',
        );
      } finally {
        at.close();
        await slow.close();
      }
    },
  );
}

test('past the request threshold: a ThresholdExceededError; the usage is read periodically', async () => {
  const small = await startSimulator({ tickets: 10, threshold: 12, usageLatencyMs: 0 });
  const at = await connectTo(small.url, { usageCheckEvery: 4 });
  try {
    let error: unknown;
    try {
      for (let i = 0; i < 20; i++) await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof ThresholdExceededError, `expected ThresholdExceededError, got ${String(error)}`);
    assert.ok((small.stats.byOperation.get('getThresholdAndUsageInfo') ?? 0) >= 2, 'the pacer read the usage on its own');
  } finally {
    at.close();
    await small.close();
  }
});
