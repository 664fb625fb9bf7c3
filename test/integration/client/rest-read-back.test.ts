// Over REST a write call carries one entity, so reading back each write alone would cost a query
// per entity written against the hourly threshold. The read-backs of writes in flight together
// share a query; every object still ends holding what was stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { Query } from '../../../runtime/index.js';
import { callsOf, connectTo, transportSuite } from './sim-connect.js';

let sim: RunningSimulator;
before(async () => {
  // Latency keeps three writes in flight at once, as against production.
  sim = await startSimulator({ tickets: 30, latencyMs: 20 });
});
after(async () => {
  await sim.close();
});

test('REST: read-backs of writes in flight share queries; each object holds what was stored', transportSuite('rest'), async () => {
  const at = await connectTo(sim.url, { transport: 'rest' });
  try {
    const tickets = await at.query(new Query('Ticket').where('id', 'LessThanOrEquals', 30)).fetchAll();
    assert.equal(tickets.length, 30);
    // Changed on the server after the read and not by the update: only a read-back brings it in.
    for (const ticket of tickets) {
      const stored = sim.store.get('Ticket', ticket.id);
      assert.ok(stored);
      stored.values['Description'] = `server side ${ticket.id}`;
      ticket.Title = `renamed ${ticket.id}`;
    }
    const queriesBefore = callsOf(sim, 'query');
    const patchesBefore = callsOf(sim, 'update');
    const summary = await at.update(tickets).execute();
    assert.deepEqual(summary, { succeeded: 30, failed: 0, unknown: 0 });
    assert.equal(callsOf(sim, 'update') - patchesBefore, 30, 'one PATCH per ticket');
    const readBacks = callsOf(sim, 'query') - queriesBefore;
    assert.ok(readBacks >= 1 && readBacks <= 12, `30 updates, three in flight, were read back in ${readBacks} queries (at most 12 expected)`);
    for (const ticket of tickets) {
      assert.equal(ticket.Title, `renamed ${ticket.id}`);
      assert.equal(ticket.Description, `server side ${ticket.id}`, `Ticket ${ticket.id} holds what was stored`);
    }
  } finally {
    at.close();
  }
});

test('REST: one write at a time is read back at once, not held for others', transportSuite('rest'), async () => {
  const at = await connectTo(sim.url, { transport: 'rest', concurrency: 1 });
  try {
    const tickets = await at.query(new Query('Ticket').where('id', 'LessThanOrEquals', 4)).fetchAll();
    for (const ticket of tickets) ticket.Title = `once more ${ticket.id}`;
    const queriesBefore = callsOf(sim, 'query');
    const summary = await at.update(tickets).execute();
    assert.deepEqual(summary, { succeeded: 4, failed: 0, unknown: 0 });
    assert.equal(callsOf(sim, 'query') - queriesBefore, 4, 'with nothing else in flight, each read-back goes alone');
    for (const ticket of tickets) assert.equal(ticket.Title, `once more ${ticket.id}`);
  } finally {
    at.close();
  }
});

test('REST: a refused write among writes in flight leaves no read-back waiting', transportSuite('rest'), async () => {
  const at = await connectTo(sim.url, { transport: 'rest' });
  try {
    const tickets = await at.query(new Query('Ticket').where('id', 'LessThanOrEquals', 6)).fetchAll();
    for (const ticket of tickets) ticket.Title = `third ${ticket.id}`;
    // The last one to end may be the refused one, which asks for no read-back: the others must not wait for ever.
    (tickets[2] as unknown as { Status: number }).Status = 987654;
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the action never ended: a read-back was left waiting')), 20_000);
    });
    await assert.rejects(
      Promise.race([at.update(tickets).execute(), stuck]).finally(() => clearTimeout(timer)),
      /update: 5 succeeded, 1 failed, 0 unknown; first problem: 987654 is not a value of the picklist/,
    );
  } finally {
    at.close();
  }
});
