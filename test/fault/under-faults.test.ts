/**
 * The client against a simulator that drops connections, answers HTML 500 pages and stalls past the
 * client's timeout (`reset=0.05,http500=0.02,slow=0.02:3000`, fixed seed): a query loses and
 * repeats nothing, and every entity of an update, create or delete is accounted for, in agreement
 * with what the simulator really stored. Faults strike before or after the operation is applied, so an
 * "unknown" outcome really may have happened.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { Query, type Connection } from '../../runtime/index.js';
import { connectTo } from '../integration/client/sim-connect.js';
import { outcomeOf } from './action-outcome.js';
import { known } from '../support/known-value.js';

export const FAULTS = 'reset=0.05,http500=0.02,slow=0.02:3000';
/** Below the 3 s of a slow answer, so that a stall is a timeout. */
const TIMEOUT_MS = 1_500;
const FAULT_SEED = Number(process.env['ATWS_FAULT_SEED'] ?? 20_240_310);
const TICKETS = 5_000;

let sim: RunningSimulator;
let at: Connection<'1.6'>;

function faultCount(): number {
  let n = 0;
  for (const count of sim.stats.faults.values()) n += count;
  return n;
}

/** Faults that struck while `run` ran, added to the `tally` of the current test. */
async function measured<R>(tally: { faults: number }, run: () => Promise<R>): Promise<R> {
  const before = faultCount();
  try {
    return await run();
  } finally {
    tally.faults += faultCount() - before;
  }
}

/**
 * Repeats a round (each checks its own invariants) until faults have struck inside at least one
 * round's client call: at these rates a single round of a few requests may, under some seed, see
 * none, and a round without a fault proves little.
 */
async function untilFaulted(name: string, maxRounds: number, round: (index: number, tally: { faults: number }) => Promise<void>): Promise<void> {
  const tally = { faults: 0 };
  for (let i = 0; i < maxRounds && tally.faults === 0; i++) await round(i, tally);
  assert.ok(tally.faults > 0, `no fault struck in ${maxRounds} rounds of ${name} (seed ${FAULT_SEED})`);
}

before(async () => {
  sim = await startSimulator({ tickets: TICKETS, faults: FAULTS, faultSeed: FAULT_SEED });
  at = await connectTo(sim.url, { timeoutMs: TIMEOUT_MS, retryBaseDelayMs: 20 });
});
after(async () => {
  at?.close();
  await sim?.close();
});

describe(`under faults ${FAULTS}`, { timeout: 100_000 }, () => {
  it('querying 5,000 tickets yields exactly those 5,000 ids, with one request in flight or two', async () => {
    await untilFaulted('the query', 6, async (round, tally) => {
      const concurrency = 1 + (round % 2);
      const conn = await connectTo(sim.url, { timeoutMs: TIMEOUT_MS, retryBaseDelayMs: 20, concurrency });
      const ids = await measured(tally, async () => {
        const seen: number[] = [];
        for await (const ticket of conn.query(new Query('Ticket').where('id', 'GreaterThan', 0))) seen.push(ticket.id ?? -1);
        return seen;
      });
      conn.close();
      assert.equal(ids.length, TICKETS, `round ${round}: got ${ids.length} tickets`);
      ids.forEach((id, i) => assert.equal(id, i + 1, `round ${round}: position ${i} holds id ${id}: a gap or a duplicate`));
    });
  });

  it('updating 2,000 tickets: each succeeded, failed or unknown, and the store agrees with each succeeded or failed', async () => {
    await untilFaulted('the update', 5, async (round, tally) => {
      const tickets = await at
        .fetchByIds(
          'Ticket',
          Array.from({ length: 2_000 }, (_, i) => 1_001 + i),
        )
        .fetchAll();
      assert.equal(tickets.length, 2_000);
      const oldTitle = new Map(tickets.map((t) => [t.id as number, t.Title as string]));
      const newTitle = (id: number): string => `updated in round ${round} <${id}> & "ok" ]]>`;
      for (const t of tickets) t.Title = newTitle(t.id as number);

      const outcome = await measured(tally, () => outcomeOf(at.update(tickets)));
      const fate = new Map<number, 'succeeded' | 'failed' | 'unknown'>();
      const mark = (id: number | undefined, what: 'succeeded' | 'failed' | 'unknown'): void => {
        assert.ok(id !== undefined && oldTitle.has(id), `${what} lists an entity that was not sent (id ${String(id)})`);
        assert.equal(fate.get(id), undefined, `ticket ${id} is reported both ${fate.get(id)} and ${what}`);
        fate.set(id, what);
      };
      for (const t of outcome.succeeded) mark(t.id, 'succeeded');
      for (const t of outcome.failed) mark(t.id, 'failed');
      for (const t of outcome.unknown) mark(t.id, 'unknown');
      assert.equal(fate.size, 2_000, `only ${fate.size} of 2,000 tickets are accounted for`);

      for (const [id, what] of fate) {
        const stored = sim.store.get('Ticket', id)?.values['Title'];
        if (what === 'succeeded') assert.equal(stored, newTitle(id), `ticket ${id} reported updated, but the store holds ${String(stored)}`);
        if (what === 'failed') assert.equal(stored, oldTitle.get(id), `ticket ${id} reported failed, but the store changed`);
      }
      for (const t of outcome.succeeded) assert.equal(t.Title, newTitle(t.id as number));
    });
  });

  it('creating 1,000 tickets: succeeded + failed + unknown = 1,000, nothing created twice, every success stored', async () => {
    await untilFaulted('the create', 6, async (round, tally) => {
      const run = `create-${FAULT_SEED}-${round}-${Date.now()}`;
      const title = (i: number): string => `${run} #${i} <ü&中>`;
      const inputs = Array.from({ length: 1_000 }, (_, i) =>
        at.new('Ticket', {
          Title: title(i),
          AccountID: 0,
          DueDateTime: new Date(Date.UTC(2025, 0, 1 + (i % 28), 15)),
          Priority: known(2),
          Status: known(1),
        }),
      );
      const storedBefore = sim.store.count('Ticket');
      const { succeeded, failed, unknown } = await measured(tally, () => outcomeOf(at.create(inputs)));
      assert.equal(succeeded.length + failed.length + unknown.length, 1_000, `${succeeded.length} + ${failed.length} + ${unknown.length}`);

      // Every input exactly once: failed and unknown list the inputs, succeeded the API's entities.
      const titles = [...succeeded, ...failed, ...unknown].map((t) => t.Title);
      assert.equal(new Set(titles).size, 1_000, 'an input is reported twice, or an answer does not match an input');
      for (let i = 0; i < 1_000; i++) assert.ok(titles.includes(title(i)), `input ${i} is not accounted for`);

      // What the store holds of this run: no title twice (a create is never sent again blindly).
      const stored = new Map<string, number[]>();
      for (const record of sim.store.scan('Ticket', TICKETS + 1)) {
        const t = record.values['Title'];
        if (typeof t === 'string' && t.startsWith(run)) stored.set(t, [...(stored.get(t) ?? []), record.id]);
      }
      for (const [t, ids] of stored) assert.equal(ids.length, 1, `"${t}" was created ${ids.length} times (ids ${ids.join(', ')})`);
      for (const t of succeeded) {
        assert.equal(typeof t.id, 'number');
        assert.deepEqual(stored.get(t.Title as string), [t.id], `created ticket "${t.Title}" (id ${t.id}) is not stored as such`);
      }
      for (const t of failed) assert.equal(stored.get(t.Title as string), undefined, `"${t.Title}" reported failed, yet it was created`);
      assert.ok(sim.store.count('Ticket') - storedBefore <= succeeded.length + unknown.length);
      const surprise = unknown.filter((t) => stored.has(t.Title as string)).length;
      console.log(
        `create round ${round}: ${succeeded.length} succeeded, ${failed.length} failed, ${unknown.length} unknown ` +
          `(${surprise} of those were in fact created)`,
      );
    });
  });

  it('deleting 1,000 checklist items: each succeeded, failed or unknown once, and the store agrees with each succeeded or failed', async () => {
    await untilFaulted('the delete', 12, async (round, tally) => {
      // Arranged in the store directly: the items are the subject, not their creation.
      const made = Array.from(
        { length: 1_000 },
        (_, i) => sim.store.insert('TicketChecklistItem', { TicketID: 1 + (i % 50), ItemName: `delete round ${round} #${i}`, Completed: false }).id,
      );
      const items = await at.fetchByIds('TicketChecklistItem', made).fetchAll();
      assert.equal(items.length, 1_000);
      const outcome = await measured(tally, () => outcomeOf(at.delete(items)));
      const fate = new Map<number, string>();
      for (const [what, list] of [
        ['succeeded', outcome.succeeded],
        ['failed', outcome.failed],
        ['unknown', outcome.unknown],
      ] as const) {
        for (const item of list) {
          const id = item.id as number;
          assert.equal(fate.get(id), undefined, `item ${id} is reported both ${fate.get(id)} and ${what}`);
          fate.set(id, what);
        }
      }
      assert.equal(fate.size, 1_000, `only ${fate.size} of 1,000 items are accounted for`);
      for (const [id, what] of fate) {
        // A retried delete answered "does not exist" counts as succeeded: the store must agree.
        if (what === 'succeeded') assert.equal(sim.store.has('TicketChecklistItem', id), false, `item ${id} reported deleted, but it is stored`);
        if (what === 'failed') assert.equal(sim.store.has('TicketChecklistItem', id), true, `item ${id} reported failed, but it is gone`);
      }
      console.log(`delete round ${round}: ${outcome.succeeded.length} succeeded, ${outcome.failed.length} failed, ${outcome.unknown.length} unknown`);
    });
  });
});
