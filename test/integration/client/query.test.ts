import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { ApiError, Query, UsageError, type Connection } from '../../../runtime/index.js';
import { Ticket } from '../../../generated/v1_6/index.js';
import { callsOf, connectTo, TRANSPORTS, transportSuite } from './sim-connect.js';
import { known } from '../../support/known-value.js';

for (const transport of TRANSPORTS)
  describe(`over ${transport}`, transportSuite(transport), () => {
    let sim: RunningSimulator;
    let at: Connection<'1.6', typeof transport>;
    before(async () => {
      sim = await startSimulator({ tickets: 1400 });
      at = await connectTo(sim.url, { concurrency: 2, transport });
    });
    after(async () => {
      at.close();
      await sim.close();
    });

    const queries = (): number => callsOf(sim, 'query');

    function assertRun(ids: readonly (number | undefined)[], from: number, to: number): void {
      assert.equal(ids.length, to - from + 1);
      ids.forEach((id, i) => assert.equal(id, from + i, `entity ${i} has id ${String(id)}, expected ${from + i}`));
    }

    test('nothing is sent before the cursor is consumed; then 1,400 tickets come in 3 pages without gap or duplicate', async () => {
      const start = queries();
      const cursor = at.query(new Query('Ticket').where('id', 'GreaterThan', 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(queries(), start, 'no request before consumption');
      const tickets = await cursor.fetchAll();
      assertRun(
        tickets.map((t) => t.id),
        1,
        1400,
      );
      assert.equal(queries() - start, 3);
      assert.ok(tickets.every((t) => t instanceof Ticket));
      await assert.rejects(async () => cursor.fetchAll(), /already consumed/);
    });

    test('a query changed after at.query(q) (or queries([q])) but before the cursor is consumed: the cursor runs it as it was', async () => {
      const q = new Query('Ticket').where('id', 'LessThanOrEquals', 3);
      const cursor = at.query(q);
      const both = at.queries([q]);
      q.and('id', 'GreaterThan', 2);
      assert.deepEqual(
        (await cursor.fetchAll()).map((t) => t.id),
        [1, 2, 3],
      );
      assert.deepEqual(
        (await both.fetchAll()).map((t) => t.id),
        [1, 2, 3],
      );
      assert.deepEqual(
        (await at.query(q).fetchAll()).map((t) => t.id),
        [3],
        'a new cursor runs the query as it is now',
      );
    });

    test('a date with milliseconds, written then queried with Equals, matches (the value given and the value read back)', async () => {
      // A tenant of its own: the ticket created here would change the counts the other tests rely on.
      const own = await startSimulator({ tickets: 1 });
      const at = await connectTo(own.url, { transport });
      try {
        const due = new Date('2031-05-06T14:15:16.789Z');
        const ticket = at.new('Ticket', { Title: 'millis', AccountID: 0, DueDateTime: due, Priority: known(1), Status: known(1) });
        await ticket.create();
        assert.equal(ticket.DueDateTime?.getTime(), due.getTime(), 'the API keeps milliseconds');
        const byGiven = await at.query(new Query('Ticket').where('DueDateTime', 'Equals', due)).fetchAll();
        assert.deepEqual(
          byGiven.map((t) => t.id),
          [ticket.id],
        );
        const byRead = await at.query(new Query('Ticket').where('DueDateTime', 'Equals', ticket.DueDateTime as Date)).fetchAll();
        assert.deepEqual(
          byRead.map((t) => t.id),
          [ticket.id],
        );
        const later = await at.query(new Query('Ticket').where('DueDateTime', 'GreaterThan', due)).fetchAll();
        assert.deepEqual(later, [], 'not after itself');
      } finally {
        at.close();
        await own.close();
      }
    });

    test('paging keeps a query with top-level ORs intact (the id condition wraps the whole query)', async () => {
      const start = queries();
      // Every ticket matches (Status = 5 OR Status <> 5); paging must still walk 1..1400 once.
      const q = new Query('Ticket').where('Status', 'Equals', known(5)).or('Status', 'NotEqual', known(5));
      const ids: number[] = [];
      for await (const ticket of at.query(q)) ids.push(ticket.id ?? -1);
      assertRun(ids, 1, 1400);
      assert.equal(queries() - start, 3);
      // And a narrower OR, compared with a filter of everything.
      const all = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
      const expected = all.filter((t) => t.Status === 5 || t.IssueType === 6).map((t) => t.id);
      const got = await at
        .query(
          new Query('Ticket')
            .where('id', 'GreaterThan', 0)
            .openBracket('AND')
            .or('Status', 'Equals', known(5))
            .or('IssueType', 'Equals', known(6))
            .closeBracket(),
        )
        .fetchAll();
      assert.deepEqual(
        got.map((t) => t.id),
        expected,
      );
    });

    test('fetchOne sends one query and returns the first result; no result gives undefined', async () => {
      const start = queries();
      const first = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchOne();
      assert.equal(first?.id, 1);
      assert.equal(queries() - start, 1);
      assert.equal(await at.query(new Query('Ticket').where('id', 'LessThan', 0)).fetchOne(), undefined);
    });

    test('values are decoded by field type, UDFs included', async () => {
      const [ticket] = await at.fetchByIds('Ticket', [1]).fetchAll();
      assert.ok(ticket);
      assert.equal(typeof ticket.Status, 'number');
      assert.ok(ticket.CreateDate instanceof Date);
      assert.equal(typeof ticket.Title, 'string');
      assert.ok(ticket.udfs().size > 0);
      const json = ticket.toJSON();
      assert.equal(json['id'], 1);
      assert.equal(typeof json['CreateDate'], 'string');
    });

    test('queries() chains several queries; fetchByIds asks at most 200 ids per query', async () => {
      const chained = await at
        .queries([new Query('Ticket').where('id', 'LessThanOrEquals', 3), new Query('Ticket').where('id', 'GreaterThan', 1398)])
        .fetchAll();
      assert.deepEqual(
        chained.map((t) => t.id),
        [1, 2, 3, 1399, 1400],
      );
      const start = queries();
      const ids = Array.from({ length: 450 }, (_, i) => 1400 - i * 3);
      const byIds = await at.fetchByIds('Ticket', [...ids, 999_999, ids[0] as number]).fetchAll();
      assert.equal(queries() - start, 3, '451 distinct ids -> 3 queries');
      assert.deepEqual(
        byIds.map((t) => t.id),
        [...ids].sort((a, b) => a - b),
      );
    });

    test('a bad query fails before any request, naming the field', async () => {
      const start = sim.stats.total;
      assert.throws(
        () => at.query(new Query('Ticket').where('CreatorType' as 'id', 'Equals', 1)),
        (e: unknown) => e instanceof UsageError && /CreatorType.*not queryable/.test(e.message),
      );
      assert.throws(
        () => at.query(new Query('Ticket').where('Bogus' as 'Title', 'Equals', 'x')),
        (e: unknown) => e instanceof UsageError && /no field "Bogus"/.test(e.message),
      );
      assert.throws(() => at.query(new Query('Tickets' as 'Ticket').where('id', 'Equals', 1)), /no entity type "Tickets"/);
      // queries() takes lazy input, so its checks surface on consumption.
      await assert.rejects(at.queries([new Query('Ticket').where('CreatorType' as 'id', 'Equals', 1)]).fetchAll(), /not queryable/);
      assert.throws(() => at.fetchByIds('Ticket', [1.5]), /integers/);
      assert.equal(sim.stats.total, start);
    });

    test('an answer with errors is an ApiError carrying the API messages', async () => {
      await assert.rejects(at.query(new Query('Ticket').where('No Such UDF', 'Equals', 'x', { udf: true })).fetchAll(), (e: unknown) => {
        assert.ok(e instanceof ApiError, String(e));
        assert.ok(e.messages.length > 0);
        return true;
      });
    });
  });
