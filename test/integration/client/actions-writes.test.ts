// Writes on Autotask's documented semantics (update() clears what it does not carry, a call is
// one transaction, create()/update() answers are reliable for the id only), by a client generated
// from metadata 1.6.1 (test/fixtures/v1_6_1, `connect({ api })`) against the simulator's 1.6.8,
// whose fields (Ticket.RmaStatus) that client lacks: as code generated for an older release
// runs against a tenant on a later one.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { ApiError, connect, Query, UsageError, type Connection, type Stored } from '../../../runtime/index.js';
import * as v161 from '../../fixtures/v1_6_1/index.js';
import { simLogin } from './sim-connect.js';
import { startSoapProxy, type ProxyDecision, type SoapProxy } from '../../support/soap-proxy.js';
import { known } from '../../support/known-value.js';
import { untyped } from '../../support/untyped-entity.js';

let sim: RunningSimulator;
let proxy: SoapProxy;
let at: Connection<typeof v161>;
type Ticket = v161.Ticket;
/** What the proxy does with the n-th request of an operation; every request passes unless a test says. */
let decide: (operation: string, index: number) => ProxyDecision = () => 'pass';
before(async () => {
  sim = await startSimulator({ tickets: 40 });
  proxy = await startSoapProxy(sim.url, (operation, index) => decide(operation, index));
  at = await connect({ ...simLogin, url: `${proxy.url}/atservices/1.6/atws.asmx`, retryBaseDelayMs: 5, api: v161 });
});
after(async () => {
  at.close();
  await proxy.close();
  await sim.close();
});
beforeEach(() => {
  decide = () => 'pass';
  proxy.log.length = 0;
  proxy.seen.clear();
});

/** Gives stored tickets values a client must not lose: a newer field, a description, a UDF. */
function arrange(ids: number[]): void {
  for (const id of ids) {
    const record = sim.store.get('Ticket', id)!;
    sim.store.replace('Ticket', record, { ...record.values, RmaStatus: 2, Description: `keep ${id}` }, new Map([['Room', `R${id}`]]));
  }
}

const newTicket = (title: string): Ticket =>
  at.new('Ticket', { Title: title, AccountID: 0, DueDateTime: new Date('2031-01-01T12:00:00Z'), Priority: known(2), Status: known(1) });

test('bulk update keeps every field it did not change: unknown fields (RmaStatus), others, UDFs', async () => {
  assert.equal('RmaStatus' in v161.metadata.entities.Ticket.fields, false, 'the premise: the client does not know it');
  assert.equal(sim.storeSchema.metadataVersion, '1.6.8', 'and the endpoint does');
  arrange([1, 2, 3, 4, 5]);
  const tickets = await at.query(new Query<'Ticket', v161.EntityMap>('Ticket').where('id', 'LessThanOrEquals', 5)).fetchAll();
  const first = tickets[0]!;
  assert.ok(first instanceof v161.Ticket);
  assert.equal(untyped(first).get('RmaStatus'), '2', 'a field the metadata does not know: get() answers the text the API sent');
  assert.equal(first.unknownFields().get('RmaStatus'), '2');
  assert.equal(first.toJSON()['RmaStatus'], '2');
  for (const ticket of tickets) ticket.Status = known(5);
  untyped(tickets[1]!).set('RmaStatus', '3');
  const summary = await at.update(tickets).execute();
  assert.deepEqual(summary, { succeeded: 5, failed: 0, unknown: 0 });
  for (const id of [1, 2, 3, 4, 5]) {
    const stored = sim.store.get('Ticket', id)!;
    assert.equal(stored.values['Status'], 5);
    assert.equal(stored.values['RmaStatus'], id === 2 ? 3 : 2, `Ticket ${id}.RmaStatus`);
    assert.equal(stored.values['Description'], `keep ${id}`);
    assert.equal(stored.udfs?.get('Room'), `R${id}`);
  }
  assert.match(proxy.log.find((r) => r.operation === 'update')!.body, /<RmaStatus xsi:type="xsd:string">2<\/RmaStatus>/);
});

test('object update() sends everything back too, and the object then holds what was stored', async () => {
  arrange([6]);
  const ticket = (await at.fetchByIds('Ticket', [6]).fetchOne())!;
  const before = sim.store.get('Ticket', 6)!.values['LastActivityDate'];
  ticket.Title = 'renamed by object';
  await ticket.update();
  const stored = sim.store.get('Ticket', 6)!;
  assert.equal(stored.values['Title'], 'renamed by object');
  assert.equal(stored.values['RmaStatus'], 2);
  assert.equal(stored.values['Description'], 'keep 6');
  // The update() answer has LastActivityDate as it was before; the read-back has the stored one.
  assert.notEqual((stored.values['LastActivityDate'] as Date).getTime(), (before as Date | undefined)?.getTime());
  assert.equal(ticket.LastActivityDate?.getTime(), (stored.values['LastActivityDate'] as Date).getTime());
  assert.equal(ticket.unknownFields().get('RmaStatus'), '2');
});

test('a refused create packet: the good entities are created exactly once, the bad one fails with the API reason', async () => {
  const count = sim.store.count('Ticket');
  // Complete as far as the client can tell (its run-time check passes): only the API knows 999 is no Status.
  const news = [newTicket('good one'), newTicket('bad status').set('Status', known(999)), newTicket('good two')];
  await assert.rejects(at.create(news).execute(), (e: unknown) => {
    assert.ok(e instanceof ApiError, String(e));
    assert.deepEqual(
      e.failed.map((f) => [f.entity, f.message]),
      [[news[1], '999 is not a value of the picklist Ticket.Status.']],
    );
    assert.deepEqual(e.succeeded, [news[0], news[2]]);
    assert.equal(e.unknown.length, 0);
    return true;
  });
  assert.equal(sim.store.count('Ticket'), count + 2);
  const titles = [...sim.store.scan('Ticket')].map((r) => r.values['Title']);
  assert.equal(titles.filter((t) => t === 'good one').length, 1);
  assert.equal(titles.filter((t) => t === 'good two').length, 1);
  assert.deepEqual(
    proxy.log.map((r) => r.operation),
    ['create', 'create', 'query'],
  );
  assert.ok(typeof news[0]!.id === 'number' && news[1]!.id === undefined);
});

test('created objects hold the stored TicketNumber, not what create() answered', async () => {
  const ticket = newTicket('numbered');
  await ticket.create();
  const stored = sim.store.get('Ticket', ticket.id!)!;
  assert.match(String(stored.values['TicketNumber']), /^T\d{8}\.\d{4}$/);
  assert.equal(ticket.TicketNumber, stored.values['TicketNumber']);
  assert.equal(ticket.CreateDate?.getTime(), (stored.values['CreateDate'] as Date).getTime());
});

test('readBack: false saves a request, at the documented risk: the object holds what was sent plus its id', async () => {
  const ticket = newTicket('unread');
  const [created] = await at.create(ticket, { readBack: false }).fetchAll();
  assert.equal(created, ticket);
  assert.equal(typeof ticket.id, 'number');
  assert.equal(ticket.TicketNumber, undefined, 'create() answered no reliable TicketNumber');
  assert.deepEqual(
    proxy.log.map((r) => r.operation),
    ['create'],
  );
  assert.ok(created !== undefined);
  // Typed as stored (it has its id), yet not read: the run time refuses the update until reload().
  const before = proxy.log.length;
  await assert.rejects(created.update(), (e: unknown) => e instanceof UsageError && /was not read from Autotask/.test(e.message));
  assert.equal(proxy.log.length, before, 'refused before any request');
  await created.reload();
  created.Title = 'read now';
  await created.update();
  assert.equal(sim.store.get('Ticket', ticket.id!)?.values['Title'], 'read now');
});

test('an object not read from Autotask is refused by update(), which would clear what it lacks; at.patch reads first', async () => {
  arrange([7]);
  // The types refuse an entity that was not read (update takes Stored); this one pretends to be.
  const handmade = at.new('Ticket', { id: 7, Title: 'blind' } as never) as Stored<Ticket>;
  await assert.rejects(at.update(handmade).execute(), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.match(e.failed[0]?.message ?? '', /Ticket 7 was not read from Autotask.*at\.patch\('Ticket', 7, \{ \.\.\. \}\)/);
    return true;
  });
  assert.equal(proxy.seen.get('update'), undefined, 'nothing was sent');
  const patched = await at.patch('Ticket', 7, { Title: 'patched', Description: null });
  const stored = sim.store.get('Ticket', 7)!;
  assert.equal(stored.values['Title'], 'patched');
  assert.equal(stored.values['Description'], undefined, 'null cleared it on purpose');
  assert.equal(stored.values['RmaStatus'], 2, 'the rest as read');
  assert.equal(stored.udfs?.get('Room'), 'R7');
  assert.equal(patched.Title, 'patched');
  assert.equal(patched.id, 7);
  assert.match(proxy.log.find((r) => r.operation === 'update')!.body, /<Description xsi:nil="true"\/>/);
  await assert.rejects(at.patch('Ticket', 987654, { Title: 'x' }), /Ticket 987654 does not exist/);
});

test('an update naming a record that is gone is refused as a whole by a message naming no record: every entity failed with it', async () => {
  const [kept, gone] = await at.fetchByIds('Ticket', [10, 11]).fetchAll();
  const title = sim.store.get('Ticket', 10)?.values['Title'];
  sim.store.remove('Ticket', 11);
  kept!.Title = 'never saved';
  gone!.Title = 'gone';
  await assert.rejects(at.update([kept!, gone!]).execute(), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    const message = 'No matching records found. The logged in resource may not have the required permissions to update the data.';
    assert.deepEqual(
      e.failed.map((f) => [f.entity, f.message]),
      [
        [kept, message],
        [gone, message],
      ],
    );
    assert.deepEqual([e.succeeded.length, e.unknown.length], [0, 0]);
    return true;
  });
  assert.equal(sim.store.get('Ticket', 10)?.values['Title'], title, 'the call was one transaction');
});

test('null clears only a field that is not required', async () => {
  const ticket = (await at.fetchByIds('Ticket', [8]).fetchOne())!;
  assert.throws(
    () => untyped(ticket).set('Title', null),
    (e: unknown) => e instanceof UsageError && /Ticket\.Title is required/.test(e.message),
  );
  await assert.rejects(at.patch('Ticket', 8, { Title: null } as never), /Ticket\.Title is required/);
});

test('a retried delete answered "does not exist" was deleted by the try whose answer was lost: succeeded', async () => {
  const items = [1, 2].map((n) => at.new('TicketChecklistItem', { ItemName: `item ${n}`, TicketID: 9 }));
  await at.create(items).execute();
  const ids = items.map((i) => i.id!);
  decide = (operation, index) => (operation === 'delete' && index === 0 ? 'reset-after' : 'pass');
  const summary = await at.delete(items).execute();
  assert.deepEqual(summary, { succeeded: 2, failed: 0, unknown: 0 });
  assert.equal(proxy.seen.get('delete'), 2, 'the first answer was lost, the retry answered');
  for (const id of ids) assert.equal(sim.store.has('TicketChecklistItem', id), false);
  // Without a lost answer, "does not exist" is what it says.
  await assert.rejects(at.delete(items[0]!).execute(), (e: unknown) => e instanceof ApiError && /does not exist/.test(e.failed[0]?.message ?? ''));
});
