import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { ApiError, Query, type PicklistValueOf, type Stored } from '../../../runtime/index.js';
import type { Ticket } from '../../../generated/v1_6/index.js';
import { connectTo } from './sim-connect.js';
import { startSoapProxy, type RecordedRequest, type SoapProxy } from '../../support/soap-proxy.js';
import { known } from '../../support/known-value.js';
import { untyped } from '../../support/untyped-entity.js';

let sim: RunningSimulator;
let proxy: SoapProxy;
before(async () => {
  sim = await startSimulator({ tickets: 1400 });
  proxy = await startSoapProxy(sim.url);
});
after(async () => {
  await proxy.close();
  await sim.close();
});

/** One log line per request: `query` / `query id>500` / `update 1-200`. */
function describeRequest(request: RecordedRequest): string {
  if (request.operation === 'query') {
    const paging = /id&lt;expression op="GreaterThan"&gt;(\d+)&lt;\/expression&gt;&lt;\/field&gt;&lt;\/query&gt;/.exec(request.body);
    return paging ? `query id>${paging[1]}` : 'query';
  }
  const ids = [...request.body.matchAll(/<id>(\d+)<\/id>/g)].map((m) => Number(m[1]));
  return `${request.operation} ${ids[0]}-${ids[ids.length - 1]}`;
}

async function* closeTickets(tickets: AsyncIterable<Stored<Ticket>>, status: PicklistValueOf<Ticket, 'Status'>): AsyncGenerator<Stored<Ticket>> {
  for await (const ticket of tickets) {
    ticket.Status = status;
    yield ticket;
  }
}

test("closing 1,400 tickets interleaves queries and update packets exactly as python-atws's guide says", async () => {
  const at = await connectTo(proxy.url, { concurrency: 1 });
  const tp = await at.picklist('Ticket');
  const complete = tp.Status.get('Complete');
  proxy.log.length = 0;
  const tickets = at.query(new Query('Ticket').where('id', 'GreaterThan', 0));
  // Without the read-back (one query per packet, tested below) the requests are python-atws's exactly.
  const updated = at.update(closeTickets(tickets, complete), { readBack: false });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(proxy.log.length, 0, 'still nothing has been done');
  const ids: number[] = [];
  for await (const ticket of updated) {
    assert.equal(ticket.Status, complete);
    ids.push(ticket.id ?? -1);
  }
  assert.deepEqual(
    ids,
    Array.from({ length: 1400 }, (_, i) => i + 1),
  );
  assert.deepEqual(proxy.log.map(describeRequest), [
    'query id>0',
    'update 1-200',
    'update 201-400',
    'query id>500',
    'update 401-600',
    'update 601-800',
    'update 801-1000',
    'query id>1000',
    'update 1001-1200',
    'update 1201-1400',
  ]);
  assert.equal(sim.store.get('Ticket', 777)?.values['Status'], complete);
  at.close();
});

test('with concurrency 2 the same requests go out (count and start order), results still in order', async () => {
  const at = await connectTo(proxy.url, { concurrency: 2 });
  proxy.log.length = 0;
  const summary = await at.update(closeTickets(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)), known(1)), { readBack: false }).execute();
  assert.deepEqual(summary, { succeeded: 1400, failed: 0, unknown: 0 });
  const log = proxy.log.map(describeRequest);
  assert.equal(log.length, 10);
  assert.deepEqual(
    log.filter((l) => l.startsWith('update')),
    ['update 1-200', 'update 201-400', 'update 401-600', 'update 601-800', 'update 801-1000', 'update 1001-1200', 'update 1201-1400'],
  );
  const all = await at
    .update(
      at.fetchByIds(
        'Ticket',
        Array.from({ length: 450 }, (_, i) => 450 - i),
      ),
    )
    .fetchAll();
  assert.deepEqual(
    all.map((t) => t.id),
    Array.from({ length: 450 }, (_, i) => i + 1),
  );
  at.close();
});

test("a refused packet: the bad entities fail with the API's reason, the good ones go again and are saved once", async () => {
  const at = await connectTo(proxy.url);
  const tickets = await at.fetchByIds('Ticket', [1, 2, 3, 4, 5]).fetchAll();
  const bad = tickets[1] as Ticket;
  const worse = tickets[3] as Ticket;
  bad.Title = 'x'.repeat(300);
  worse.Status = known(987654);
  for (const t of tickets) if (t !== bad && t !== worse) t.Title = `renamed ${t.id}`;
  proxy.log.length = 0;
  const yielded: number[] = [];
  await assert.rejects(
    (async () => {
      for await (const t of at.update(tickets)) yielded.push(t.id ?? -1);
    })(),
    (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.deepEqual(
        e.failed.map((f) => (f.entity as Ticket).id),
        [2, 4],
      );
      assert.equal(e.failed[0]?.message, 'The value of Ticket.Title is 300 characters long; its maximum length is 255.');
      assert.equal(e.failed[1]?.message, '987654 is not a value of the picklist Ticket.Status.');
      assert.deepEqual(
        e.succeeded.map((t) => (t as Ticket).id),
        [1, 3, 5],
      );
      assert.equal(e.unknown.length, 0);
      assert.match(e.message, /3 succeeded, 2 failed, 0 unknown; first problem: The value of Ticket\.Title/);
      return true;
    },
  );
  assert.deepEqual(yielded, [1, 3, 5]);
  // The refused packet, the good three again, and the read-back of what was stored.
  assert.deepEqual(proxy.log.map(describeRequest), ['update 1-5', 'update 1-5', 'query']);
  assert.deepEqual(
    [...proxy.log[1]!.body.matchAll(/<id>(\d+)<\/id>/g)].map((m) => Number(m[1])),
    [1, 3, 5],
  );
  assert.equal(sim.store.get('Ticket', 3)?.values['Title'], 'renamed 3');
  assert.notEqual(sim.store.get('Ticket', 2)?.values['Title'], bad.Title);
  at.close();
});

test('objects: at.new + create/update/reload in place; delete where allowed; UDFs and attributes round-trip', async () => {
  const at = await connectTo(sim.url);
  const tp = await at.picklist('Ticket');
  // The Python wrapper's (python-atws) style: a bare object, then its fields (required ones checked at run time, before any request).
  const ticket = at.new('Ticket').set('Title', '  test ticket  ').set('AccountID', 0).set('DueDateTime', new Date('2030-01-02T15:00:00Z'));
  ticket.Priority = tp.Priority.get('Medium');
  ticket.Status = tp.Status.get('New');
  assert.equal(ticket.id, undefined);
  // The Python wrapper's (python-atws) ticket['Room'] = '42': at run time a name that is no field is a UDF (the types want setUdf on a module without the tenant's UDFs).
  untyped(ticket).set('Room', '42');
  ticket.setAttribute('color', 'blue');
  // create() resolves to the object itself, typed as stored: what update() takes.
  const stored = await ticket.create();
  assert.equal(stored, ticket);
  assert.equal(typeof ticket.id, 'number');
  // Strings go out as given, as production clients send them, and a query with the same value finds them.
  assert.equal(ticket.Title, '  test ticket  ', 'stored as given');
  assert.equal(sim.store.get('Ticket', Number(ticket.id))?.values['Title'], '  test ticket  ');
  for (const same of ['  test ticket  ', '  test ticket']) {
    const found = await at.query(new Query('Ticket').where('Title', 'Equals', same)).fetchAll();
    assert.deepEqual(
      found.map((t) => t.id),
      [ticket.id],
      JSON.stringify(same),
    );
  }
  assert.equal(ticket.getUdf('Room'), '42');
  assert.equal(ticket.getAttribute('color'), 'blue');
  assert.ok(ticket.CreateDate instanceof Date, 'the object now holds what the API returned');
  stored.Title = 'I changed this';
  await stored.update();
  const copy = (await at.fetchByIds('Ticket', [stored.id]).fetchOne()) as Stored<Ticket>;
  assert.equal(copy.Title, 'I changed this');
  copy.Title = 'changed elsewhere';
  await at.update(copy).execute();
  await ticket.reload();
  assert.equal(ticket.Title, 'changed elsewhere');
  assert.equal(ticket.getUdf('Room'), '42');

  const created = await at
    .create(at.new('Ticket', { Title: 'second', AccountID: 0, DueDateTime: new Date(), Priority: known(2), Status: known(1) }))
    .fetchOne();
  assert.ok(created !== undefined && created.id !== undefined && created.id > (ticket.id ?? 0));

  // TicketID is required and read-only: set once, at creation.
  const item = at.new('TicketChecklistItem').set('ItemName', 'check the toner').set('TicketID', stored.id);
  await item.create();
  const itemId = item.id ?? -1;
  assert.equal((await at.fetchByIds('TicketChecklistItem', [itemId]).fetchAll()).length, 1);
  await item.delete();
  assert.equal((await at.fetchByIds('TicketChecklistItem', [itemId]).fetchAll()).length, 0);
  await assert.rejects(item.reload(), /no longer exists/);
  at.close();
});

test('many creates go in packets of 200 and come back in order', async () => {
  const at = await connectTo(proxy.url);
  proxy.log.length = 0;
  const news = Array.from({ length: 450 }, (_, i) =>
    at.new('Ticket', { Title: `bulk ${i}`, AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) }),
  );
  const created = await at.create(news).fetchAll();
  assert.deepEqual(
    created.map((t) => t.Title),
    news.map((t) => t.Title),
  );
  assert.ok(
    created.every((t, i) => t === news[i]),
    'the objects handed in, filled from what was stored',
  );
  // Each packet is read back by id: one query per packet (packets overlap: concurrency 2).
  assert.deepEqual(proxy.log.map((r) => r.operation).sort(), ['create', 'create', 'create', 'query', 'query', 'query']);
  at.close();
});

test('a create whose answer never comes is unknown and never retried', async () => {
  const broken = await startSimulator({ tickets: 1, faults: 'reset=1', faultSeed: 1 });
  try {
    const at = await connectTo(broken.url, { retries: 3 });
    const before = broken.stats.total;
    const news = [1, 2, 3].map((i) =>
      at.new('Ticket', { Title: `lost ${i}`, AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) }),
    );
    await assert.rejects(at.create(news).execute(), (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.unknown.length, 3);
      assert.equal(e.failed.length, 0);
      assert.match(e.message, /0 succeeded, 0 failed, 3 unknown/);
      assert.match(String((e.cause as Error | undefined)?.name), /TransportError/);
      return true;
    });
    assert.equal(broken.stats.total - before, 1, 'create went out once');
    // Reads are retried (and here keep failing): 1 + 3 attempts.
    const beforeQuery = broken.stats.total;
    await assert.rejects(at.fetchByIds('Ticket', [1]).fetchAll(), /TransportError|broke off|socket hang up|ECONNRESET/);
    assert.equal(broken.stats.total - beforeQuery, 4);
    at.close();
  } finally {
    await broken.close();
  }
});

test('reads ride out injected 500s and resets through retries', async () => {
  const flaky = await startSimulator({ tickets: 1200, faults: 'reset=0.2,http500=0.2', faultSeed: 7 });
  try {
    const at = await connectTo(flaky.url, { retries: 8 });
    const tickets = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
    assert.deepEqual(
      tickets.map((t) => t.id),
      Array.from({ length: 1200 }, (_, i) => i + 1),
    );
    assert.ok(flaky.stats.faults.size > 0, 'faults were injected');
    at.close();
  } finally {
    await flaky.close();
  }
});
