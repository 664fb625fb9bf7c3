// The hour US Eastern clocks repeat in November (01:00-01:59 on 2024-11-03): ATWS date-times are
// Eastern wall clock without an offset, and Autotask reads such a wall clock as standard time
// (.NET's ConvertTimeToUtc). So 01:30 EST (06:30Z) goes out as 01:30 and round-trips, through the
// object, the stored value and a query; 01:30 EDT (05:30Z) would come back an hour later and is
// refused before anything is sent, in writes and in queries alike. Never a silent hour's shift.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { ApiError, connect, Query, UsageError, type Connection } from '../../../runtime/index.js';
import type { Ticket } from '../../../generated/v1_6/index.js';
import { simLogin } from './sim-connect.js';
import { startSoapProxy, type SoapProxy } from '../../support/soap-proxy.js';
import { known } from '../../support/known-value.js';

const EST_0130 = new Date('2024-11-03T06:30:00Z');
const EDT_0130 = new Date('2024-11-03T05:30:00Z');

let sim: RunningSimulator;
let proxy: SoapProxy;
let at: Connection<'1.6'>;
before(async () => {
  sim = await startSimulator({ tickets: 5 });
  proxy = await startSoapProxy(sim.url);
  at = await connect({ ...simLogin, url: `${proxy.url}/atservices/1.6/atws.asmx` });
});
after(async () => {
  at.close();
  await proxy.close();
  await sim.close();
});

const ticket = (title: string, due: Date): Ticket =>
  at.new('Ticket', { Title: title, AccountID: 0, DueDateTime: due, Priority: known(2), Status: known(1) });

test('01:30 EST on the November changeover goes out as 01:30 and comes back as the same instant', async () => {
  const t = ticket('Due in the repeated hour, EST', EST_0130);
  await t.create();
  const sent = proxy.log.find((r) => r.operation === 'create')?.body ?? '';
  assert.match(sent, /<DueDateTime xsi:type="xsd:dateTime">2024-11-03T01:30:00<\/DueDateTime>/);
  assert.equal(t.DueDateTime?.toISOString(), EST_0130.toISOString(), 'the object after create()');
  assert.equal(
    (sim.store.get('Ticket', t.id as number)?.values['DueDateTime'] as Date).toISOString(),
    EST_0130.toISOString(),
    'what the tenant holds',
  );
  const found = await at.query(new Query('Ticket').where('DueDateTime', 'Equals', EST_0130)).fetchAll();
  assert.deepEqual(
    found.map((f) => f.id),
    [t.id],
    'a query for the same instant finds it',
  );
  assert.match(proxy.log.at(-1)?.body ?? '', /expression op="Equals"&gt;2024-11-03 01:30:00&lt;/);
  assert.equal(found[0]?.DueDateTime?.toISOString(), EST_0130.toISOString());
});

test('01:30 EDT cannot be told from 01:30 EST on the wire: refused before sending, naming both instants', async () => {
  const before = proxy.log.length;
  const t = ticket('Due in the repeated hour, EDT', EDT_0130);
  // A single object gets the UsageError itself (a batch: that entity fails alone, below).
  await assert.rejects(
    t.create(),
    (e: unknown) =>
      e instanceof UsageError &&
      /Field "DueDateTime" \(datetime\): Date 2024-11-03T05:30:00\.000Z \(2024-11-03 01:30 EDT\) cannot be sent/.test(e.message) &&
      e.message.includes('2024-11-03T06:30:00.000Z'),
  );
  assert.equal(proxy.log.length, before, 'nothing sent');
  assert.equal(t.id, undefined);
  assert.throws(
    () => new Query('Ticket').where('DueDateTime', 'GreaterThan', EDT_0130).toXml(),
    (e: unknown) => e instanceof UsageError && /01:30 EDT\) cannot be sent/.test(e.message),
  );
});

test('in a batch only the entity holding such an instant fails, with the reason; the others are saved', async () => {
  const ok = ticket('batch: EST', EST_0130);
  const bad = ticket('batch: EDT', EDT_0130);
  const error = await at
    .create([ok, bad])
    .execute()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  assert.ok(error instanceof ApiError, String(error));
  assert.deepEqual(error.succeeded, [ok]);
  assert.equal(error.failed.length, 1);
  assert.equal(error.failed[0]?.entity, bad);
  assert.match(error.failed[0]?.message ?? '', /DueDateTime.*01:30 EDT\) cannot be sent/);
  assert.equal(ok.DueDateTime?.toISOString(), EST_0130.toISOString());
});

test('the simulator keeps an instant it makes in the EDT hour (a stamp, seed data) as its wall clock, as a tenant does', async () => {
  const record = sim.store.insert('Ticket', {
    Title: 'stamped at 01:30 EDT',
    AccountID: 0,
    DueDateTime: EDT_0130,
    Priority: known(2),
    Status: known(1),
  });
  assert.equal((record.values['DueDateTime'] as Date).toISOString(), EST_0130.toISOString());
  const [read] = await at.query(new Query('Ticket').where('id', 'Equals', record.id)).fetchAll();
  assert.equal(read?.DueDateTime?.toISOString(), EST_0130.toISOString());
});
