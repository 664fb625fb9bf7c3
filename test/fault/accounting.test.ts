/**
 * One packet of an action dies on the wire (a reset placed exactly, through a proxy): that packet
 * is unknown, the action goes on with the next packets, every entity handed in is accounted for
 * exactly once, and the store agrees. A server that cannot be reached at all fails the action at
 * once, with every entity failed (nothing was sent).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { connectTo } from '../integration/client/sim-connect.js';
import { outcomeOf } from './action-outcome.js';
import { startSoapProxy, type SoapProxy } from '../support/soap-proxy.js';
import { known } from '../support/known-value.js';

let sim: RunningSimulator;
let proxy: SoapProxy;
before(async () => {
  sim = await startSimulator({ tickets: 1_000 });
  // The second create packet is lost after being applied; the three update attempts (retries: 2) of the third packet are lost before.
  proxy = await startSoapProxy(sim.url, (operation, index) =>
    operation === 'create' && index === 1 ? 'reset-after' : operation === 'update' && index >= 2 && index <= 4 ? 'reset-before' : 'pass',
  );
});
after(async () => {
  await proxy?.close();
  await sim?.close();
});

function titlesOf(prefix: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const r of sim.store.scan('Ticket', 1)) {
    const t = r.values['Title'];
    if (typeof t === 'string' && t.startsWith(prefix)) found.set(t, (found.get(t) ?? 0) + 1);
  }
  return found;
}

test('create of 1,000 whose second packet is lost: that packet unknown, the others created, nothing twice', async () => {
  const at = await connectTo(proxy.url, { concurrency: 1 });
  const inputs = Array.from({ length: 1_000 }, (_, i) =>
    at.new('Ticket', {
      Title: `acct-create ${i}`,
      AccountID: 0,
      DueDateTime: new Date('2025-03-01T12:00:00Z'),
      Priority: known(1),
      Status: known(1),
    }),
  );
  const { succeeded, failed, unknown } = await outcomeOf(at.create(inputs));
  at.close();
  assert.equal(succeeded.length, 800, 'every packet but the lost one succeeded');
  assert.equal(unknown.length, 200, 'the lost packet is unknown');
  assert.deepEqual(
    unknown.map((t) => t.Title),
    Array.from({ length: 200 }, (_, i) => `acct-create ${200 + i}`),
  );
  assert.equal(proxy.seen.get('create'), 5, 'the lost create was not sent again');
  assert.equal(
    succeeded.length + failed.length + unknown.length,
    1_000,
    `${succeeded.length} succeeded + ${failed.length} failed + ${unknown.length} unknown: the entities after the lost packet are not accounted for`,
  );
  const stored = titlesOf('acct-create ');
  assert.equal(stored.size, 1_000);
  for (const [title, n] of stored) assert.equal(n, 1, `${title} stored ${n} times`);
  for (const t of succeeded) assert.equal(stored.get(t.Title as string), 1);
  for (const t of failed) assert.equal(stored.get(t.Title as string), undefined, `${t.Title} reported failed but stored`);
  for (const t of unknown) assert.equal(stored.get(t.Title as string), 1, 'the lost packet was applied (reset after)');
});

test('update of 1,000 whose third packet never gets through: that packet unknown, the others updated, the store agrees', async () => {
  const at = await connectTo(proxy.url, { concurrency: 1, retries: 2 });
  const tickets = await at
    .fetchByIds(
      'Ticket',
      Array.from({ length: 1_000 }, (_, i) => i + 1),
    )
    .fetchAll();
  for (const t of tickets) t.Title = `acct-update ${t.id}`;
  const { succeeded, failed, unknown } = await outcomeOf(at.update(tickets));
  at.close();
  assert.deepEqual([succeeded.length, failed.length, unknown.length], [800, 0, 200]);
  assert.deepEqual(
    unknown.map((t) => t.id),
    Array.from({ length: 200 }, (_, i) => 401 + i),
  );
  assert.equal(
    succeeded.length + failed.length + unknown.length,
    1_000,
    `${succeeded.length} succeeded + ${failed.length} failed + ${unknown.length} unknown: the entities after the lost packet are not accounted for`,
  );
  for (const t of succeeded) assert.equal(sim.store.get('Ticket', t.id as number)?.values['Title'], `acct-update ${t.id}`);
  for (const t of failed) assert.notEqual(sim.store.get('Ticket', t.id as number)?.values['Title'], `acct-update ${t.id}`);
  // Lost before reaching the simulator: unknown to the client, unchanged in the store.
  for (const t of unknown) assert.notEqual(sim.store.get('Ticket', t.id as number)?.values['Title'], `acct-update ${t.id}`);
});

test('a server that cannot be reached: every entity failed (refused or not sent), nothing unknown', async () => {
  // A port that was listening a moment ago and is closed now: connections are refused.
  const closed = await startSoapProxy(sim.url, () => 'pass');
  const url = closed.url;
  await closed.close();
  const at = await connectTo(url, { concurrency: 2, retries: 0 });
  const inputs = Array.from({ length: 450 }, (_, i) =>
    at.new('Ticket', { Title: `acct-refused ${i}`, AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) }),
  );
  const { succeeded, failed, unknown, error } = await outcomeOf(at.create(inputs));
  at.close();
  assert.deepEqual([succeeded.length, failed.length, unknown.length], [0, 450, 0]);
  assert.equal(new Set(failed).size, 450);
  assert.match(String(error?.message), /ECONNREFUSED/);
  assert.ok(
    error?.failed.some((f) => f.message.startsWith('not sent: TransportError: ')),
    'later packets were not sent',
  );
  assert.equal(titlesOf('acct-refused ').size, 0);
});
