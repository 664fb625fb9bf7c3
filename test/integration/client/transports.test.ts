// The same typed code over SOAP and REST against one simulator: action pipelines (every entity
// accounted for), objects through create/update/reload/delete (a child created and deleted through
// its parent's route over REST), picklists, UDFs, patch, refusals and errors. What differs between
// the wires is asserted per wire: requests per entity written, PATCH carrying only what changed,
// the operators REST lacks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { ApiError, AuthenticationError, connect, Query, UsageError, type Connection, type Stored } from '../../../runtime/index.js';
import type { Ticket } from '../../../generated/v1_6/index.js';
import { callsOf, connectTo, simLogin, TRANSPORTS, transportSuite } from './sim-connect.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { known } from '../../support/known-value.js';

for (const transport of TRANSPORTS) {
  describe(`over ${transport}`, transportSuite(transport), () => {
    let sim: RunningSimulator;
    let at: Connection<'1.6', typeof transport>;
    before(async () => {
      sim = await startSimulator({ tickets: 1400 });
      at = await connectTo(sim.url, { transport });
    });
    after(async () => {
      at.close();
      await sim.close();
    });

    test('closing 1,400 tickets: every one updated, in order; SOAP in packets of 200, REST one PATCH each', async () => {
      const tp = await at.picklist('Ticket');
      const complete = tp.Status.get('Complete');
      const before = callsOf(sim, 'update');
      const updated: number[] = [];
      async function* close(tickets: AsyncIterable<Stored<Ticket>>): AsyncGenerator<Stored<Ticket>> {
        for await (const ticket of tickets) {
          ticket.Status = complete;
          yield ticket;
        }
      }
      for await (const t of at.update(close(at.query(new Query('Ticket').where('id', 'GreaterThan', 0))), { readBack: false }))
        updated.push(t.id ?? -1);
      assert.deepEqual(
        updated,
        Array.from({ length: 1400 }, (_, i) => i + 1),
      );
      assert.equal(callsOf(sim, 'update') - before, transport === 'soap' ? 7 : 1400);
      assert.ok([1, 700, 1400].every((id) => sim.store.get('Ticket', id)?.values['Status'] === complete));
    });

    test("a refused entity fails with the API's reason; the others are saved once", async () => {
      const tickets = await at.fetchByIds('Ticket', [1, 2, 3, 4, 5]).fetchAll();
      const bad = tickets[1] as Ticket;
      bad.Title = 'x'.repeat(300);
      for (const t of tickets) if (t !== bad) t.Title = `renamed ${t.id}`;
      const before = callsOf(sim, 'update');
      await assert.rejects(at.update(tickets).execute(), (e: unknown) => {
        assert.ok(e instanceof ApiError, String(e));
        assert.deepEqual(
          e.failed.map((f) => (f.entity as Ticket).id),
          [2],
        );
        assert.match(e.failed[0]?.message ?? '', /title.*300 characters.*255/i);
        assert.deepEqual(
          e.succeeded.map((t) => (t as Ticket).id),
          [1, 3, 4, 5],
        );
        assert.equal(e.unknown.length, 0);
        return true;
      });
      // SOAP: the packet, then the four again (a call is one transaction); REST: one request per entity, no transaction.
      assert.equal(callsOf(sim, 'update') - before, transport === 'soap' ? 2 : 5);
      assert.equal(sim.store.get('Ticket', 4)?.values['Title'], 'renamed 4');
    });

    test('objects: create with a UDF, update, reload; a child created and deleted through its parent', async () => {
      const tp = await at.picklist('Ticket');
      const ticket = at.new('Ticket').set('Title', '  both wires  ').set('AccountID', 0).set('DueDateTime', new Date('2030-01-02T15:00:00.250Z'));
      ticket.Priority = tp.Priority.get('Medium');
      ticket.Status = tp.Status.get('New');
      ticket.setUdf('Room', '42');
      const stored = await ticket.create();
      assert.equal(typeof ticket.id, 'number');
      assert.equal(ticket.Title, '  both wires  ', 'strings go out and are stored as given');
      assert.equal(ticket.getUdf('Room'), '42');
      assert.equal(ticket.DueDateTime?.toISOString(), '2030-01-02T15:00:00.250Z');
      assert.ok(ticket.CreateDate instanceof Date, 'the object holds what was stored');
      ticket.Title = 'changed';
      stored.setUdf('Room', '43');
      await stored.update();
      const copy = (await at.fetchByIds('Ticket', [ticket.id ?? -1]).fetchOne()) as Ticket;
      assert.equal(copy.Title, 'changed');
      assert.equal(copy.getUdf('Room'), '43');

      const item = at.new('TicketChecklistItem').set('ItemName', 'check the toner').set('TicketID', stored.id);
      await item.create();
      const itemId = item.id ?? -1;
      assert.equal((await at.fetchByIds('TicketChecklistItem', [itemId]).fetchAll()).length, 1);
      await item.delete();
      assert.equal((await at.fetchByIds('TicketChecklistItem', [itemId]).fetchAll()).length, 0);
    });

    test('update sends what the object holds (SOAP) or only what it changed since it was read (REST)', async () => {
      const stored = sim.store.get('Ticket', 10);
      assert.ok(stored !== undefined);
      sim.store.replace('Ticket', stored, { ...stored.values, Description: 'as read' }, stored.udfs);
      const ticket = (await at.fetchByIds('Ticket', [10]).fetchOne()) as Stored<Ticket>;
      // Someone else changes the description between our read and our update.
      sim.store.replace('Ticket', stored, { ...stored.values, Description: 'changed elsewhere' }, stored.udfs);
      ticket.Title = 'ours';
      await ticket.update();
      assert.equal(ticket.Title, 'ours');
      // SOAP's update writes the whole record back (the Description as read); REST's PATCH leaves it alone.
      assert.equal(ticket.Description, transport === 'soap' ? 'as read' : 'changed elsewhere');
    });

    test('patch changes the given fields; over REST without reading the entity first', async () => {
      const queries = callsOf(sim, 'query');
      const patched = await at.patch('Ticket', 11, { Title: 'patched' });
      assert.equal(patched.Title, 'patched');
      assert.equal(patched.id, 11);
      assert.equal(typeof patched.Status, 'number', 'filled from what was stored');
      // SOAP: read, then the read-back; REST: the read-back only.
      assert.equal(callsOf(sim, 'query') - queries, transport === 'soap' ? 2 : 1);
      await assert.rejects(at.patch('Ticket', 987_654, { Title: 'x' }), ApiError);
    });

    test("a create the API refuses fails that entity with the API's message", async () => {
      const created = await at
        .create(at.new('Ticket', { Title: 'refused?', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(987_654) }))
        .execute()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(created instanceof ApiError, String(created));
      assert.equal(created.failed.length, 1);
      assert.match(created.failed[0]?.message ?? '', /987654/);
    });

    test('Like is refused over REST before any request; it runs over SOAP', async () => {
      // Changed by a statement, the query's type does not record the Like (a chained one would not
      // compile on a REST connection: test/types/transports.ts), so the run time's check is what stops it.
      const q = new Query('Ticket');
      q.where('Title', 'Like', 'Weekly%');
      const total = sim.stats.total;
      if (transport === 'rest') {
        await assert.rejects(at.query(q).fetchAll(), (e: unknown) => e instanceof UsageError && /no Like operator/.test(e.message));
        assert.equal(sim.stats.total, total, 'no request went out');
      } else {
        assert.ok((await at.query(q).fetchAll()).length > 0);
      }
    });

    test('a wrong password is an AuthenticationError; the secrets never show in it', async () => {
      const wrong = await connectTo(sim.url, { transport, password: 'not-the-password-42' });
      await assert.rejects(wrong.query(new Query('Ticket').where('id', 'Equals', 1)).fetchAll(), (e: unknown) => {
        assert.ok(e instanceof AuthenticationError, String(e));
        assert.doesNotMatch(`${String(e)} ${JSON.stringify(e)}`, /not-the-password-42/);
        return true;
      });
      wrong.close();
    });

    test('the zone is discovered, and no secret shows in debug lines or support files', async () => {
      const lines: string[] = [];
      const dir = mkdtempSync(join(tmpdir(), `atws-${transport}-support-`));
      try {
        const discoveryUrl = transport === 'rest' ? `${sim.url}/ATServicesRest/V1.0/zoneInformation` : sim.asmxUrl();
        const found = await connect({ ...simLogin, transport, discoveryUrl, debug: (line) => lines.push(line), supportFilesPath: dir });
        assert.ok(found.zone !== undefined, 'zone discovery answered');
        assert.match(found.url, transport === 'rest' ? /\/ATServicesRest\/V1\.0\/$/ : /atws\.asmx$/);
        assert.equal((await found.query(new Query('Ticket').where('id', 'Equals', 1)).fetchAll()).length, 1);
        found.close();
        const files = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
        assert.ok(files.length >= 2 && lines.length >= 2);
        const written = [...lines, ...files].join('\n');
        for (const secret of [simLogin.password, simLogin.integrationCode]) assert.ok(!written.includes(secret), `${secret} leaked`);
        if (transport === 'rest') assert.match(written, /Secret: \[REDACTED\]/, 'the support file shows the request was authenticated');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("usage and UDF info come from the wire's own calls", async () => {
      const usage = await at.getThresholdAndUsageInfo();
      assert.equal(usage.threshold, 10_000);
      assert.ok(usage.count > 0);
      const udfs = await at.getUdfInfo('Ticket');
      assert.ok(udfs.some((u) => u.Name === 'Room'));
      const fields = await at.getFieldInfo('Ticket');
      assert.ok(
        fields.some((f) => f.Name === 'AccountID' && f.IsRequired),
        'field names are the SOAP names',
      );
    });
  });
}
