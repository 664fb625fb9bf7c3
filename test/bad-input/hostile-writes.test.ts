/**
 * Writes against servers that misbehave on purpose, as real HTTP peers on 127.0.0.1: every entity
 * handed to create/update/delete must end succeeded, failed (with a reason) or unknown, and an
 * answer the client relies on is checked before it is believed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, connect, Query, type Connection } from '../../runtime/index.js';
import type { ConnectOptions } from '../../runtime/client/connect.js';
import { simLogin } from '../integration/client/sim-connect.js';
import { known } from '../support/known-value.js';

const NS = 'http://autotask.net/ATWS/v1_6/';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const head = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ${XSI}><soap:Body>`;
const tail = '</soap:Body></soap:Envelope>';
const ticket = (id: number, title = `t${id}`, type = 'Ticket'): string => `<Entity xsi:type="${type}"><id>${id}</id><Title>${title}</Title></Entity>`;
/** An ATWSResponse of `operation` holding `entities` (already XML), with ReturnCode 1 unless told. */
const atwsAnswer = (operation: string, entities: string, returnCode = '<ReturnCode>1</ReturnCode>'): string =>
  `${head}<${operation}Response xmlns="${NS}"><${operation}Result>${returnCode}<EntityResults>${entities}</EntityResults>` +
  `<EntityResultType>ticket</EntityResultType><Errors/><EntityReturnInfoResults/></${operation}Result></${operation}Response>${tail}`;
const operationOf = (body: string): string => /<(query|create|update|delete)\s+xmlns/.exec(body)?.[1] ?? '';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A server whose handler is chosen by the first path segment. */
async function startServer(handlers: Map<string, Handler>): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    const mode = (req.url ?? '/').split('/')[1] ?? '';
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => (handlers.get(mode) ?? ((_q, r) => r.writeHead(404).end()))(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const handlers = new Map<string, Handler>();
let shared: { server: http.Server; base: string };
before(async () => {
  shared = await startServer(handlers);
});
after(async () => {
  shared.server.closeAllConnections();
  await new Promise((resolve) => shared.server.close(resolve));
});

function connectMode(mode: string, handler: Handler, extra: Partial<ConnectOptions<'1.6'>> = {}): Promise<Connection<'1.6'>> {
  handlers.set(mode, handler);
  return connect({ ...simLogin, url: `${shared.base}/${mode}/atservices/1.6/atws.asmx`, retryBaseDelayMs: 1, ...extra } as ConnectOptions<'1.6'>);
}

const xml = (res: http.ServerResponse, body: string): void => {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.end(body);
};
const failure = <T>(pending: Promise<T>): Promise<unknown> =>
  pending.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('hostile servers and writes', { timeout: 60_000 }, () => {
  it('an update whose first attempt reached the server and whose retries met ECONNREFUSED is unknown, not failed', async () => {
    // Tickets cannot be deleted through the API; appointments can.
    for (const [operation, type] of [
      ['update', 'Ticket'],
      ['delete', 'Appointment'],
    ] as const) {
      const own = new Map<string, Handler>();
      const { server, base } = await startServer(own);
      own.set('down', (req, res, body) => {
        if (operationOf(body) === 'query') return xml(res, atwsAnswer('query', ticket(5, 't5', type)));
        // The write reaches the server, its answer is lost, and the server goes down.
        server.close();
        req.socket.destroy();
        server.closeAllConnections();
      });
      const at = await connect({ ...simLogin, url: `${base}/down/atservices/1.6/atws.asmx`, retryBaseDelayMs: 1, retries: 3 });
      const [t] = await at.query(new Query(type).where('id', 'Equals', 5)).fetchAll();
      const error = await failure(operation === 'update' ? at.update(t!).execute() : at.delete(t as never).execute());
      assert.ok(error instanceof ApiError, `${operation}: expected an ApiError, got ${String(error)}`);
      assert.equal(error.failed.length, 0, `${operation}: ${error.message}`);
      assert.deepEqual(error.unknown, [t]);
      assert.match(String((error.cause as Error).message), /ECONNREFUSED|gave up after 4 attempts/);
      at.close();
    }
  });

  it("an entity not the connection's own (another connection's, a 1.5 connection's) is refused by update and delete, unsent", async () => {
    const writes: string[] = [];
    const tenant: Handler = (_req, res, body) => {
      const operation = operationOf(body);
      if (operation === 'query')
        return xml(res, atwsAnswer('query', /Appointment/.test(body) ? ticket(6, 'x', 'Appointment') : ticket(5, 'tenant A title')));
      writes.push(operation);
      xml(res, atwsAnswer(operation, ticket(5, 'tenant A title')));
    };
    const a = await connectMode('tenant-a', tenant);
    const b = await connectMode('tenant-b', tenant);
    handlers.set('v15', tenant);
    const old = await connect({ ...simLogin, apiVersion: '1.5', url: `${shared.base}/v15/atservices/1.5/atws.asmx` });
    const [fromA] = await a.query(new Query('Ticket').where('id', 'Equals', 5)).fetchAll();
    const [from15] = await old.query(old.newQuery('Ticket').where('id', 'Equals', 5)).fetchAll();
    const [appointment] = await a.query(new Query('Appointment').where('id', 'Equals', 6)).fetchAll();
    for (const [what, call, why] of [
      ["update of tenant A's ticket through B", () => b.update(fromA!).execute(), /update: this Ticket belongs to another connection/],
      [
        'update of a 1.5 ticket through 1.6',
        () => b.update(from15 as never).execute(),
        /update: this Ticket is not an entity of this connection's API \(1\.6\)/,
      ],
      [
        "delete of A's appointment through B",
        () => b.delete(appointment as never).execute(),
        /delete: this Appointment belongs to another connection/,
      ],
      ['ticket.update() bound to A, sent through B', () => b.update(fromA!).fetchAll(), /belongs to another connection/],
    ] as ReadonlyArray<readonly [string, () => Promise<unknown>, RegExp]>) {
      const error = await failure(call());
      assert.ok(error instanceof ApiError, `${what}: expected an ApiError, got ${String(error)}`);
      assert.equal(error.failed.length, 1, what);
      assert.match(error.failed[0]!.message, why, what);
    }
    assert.deepEqual(writes, [], 'nothing was sent');
    // Its own connection still writes it.
    await a.update(fromA!).execute();
    assert.deepEqual(writes, ['update']);
    for (const at of [a, b, old]) at.close();
  });

  it('a change made to an object while its update is in flight is kept, not overwritten by the read-back, and named', async () => {
    let stored = 'stored';
    const at = await connectMode('in-flight', (_req, res, body) => {
      const operation = operationOf(body);
      if (operation === 'query') return xml(res, atwsAnswer('query', ticket(5, stored)));
      stored = /<Title[^>]*>([^<]*)</.exec(body)?.[1] ?? stored;
      setTimeout(() => xml(res, atwsAnswer(operation, ticket(5, stored))), 100);
    });
    const [t] = await at.query(new Query('Ticket').where('id', 'Equals', 5)).fetchAll();
    t!.Title = 'sent';
    const action = at.update(t!);
    const done = action.fetchAll();
    await new Promise((resolve) => setTimeout(resolve, 30));
    t!.Title = 'newer';
    await done;
    assert.equal(stored, 'sent');
    assert.equal(t!.Title, 'newer', 'the newer value, never sent, was overwritten by the read-back');
    assert.ok(
      action.messages.some((m) =>
        /update Ticket 5: saved, but the object was changed while the update was in flight; its newer values were not sent and are kept/.test(m),
      ),
      action.messages.join('\n'),
    );
    // Unchanged objects are read back as before.
    const [u] = await at.query(new Query('Ticket').where('id', 'Equals', 5)).fetchAll();
    u!.Title = 'again';
    const quiet = at.update(u!);
    await quiet.fetchAll();
    assert.equal(u!.Title, 'again');
    assert.deepEqual(quiet.messages, []);
    at.close();
  });

  it('a create answered with ids all 0, negative, missing or all equal: those tickets are unknown, not succeeded, and not read back as one', async () => {
    const cases: Array<[mode: string, ids: ReadonlyArray<string | undefined>, unknownCount: number]> = [
      ['ids-zero', ['0', '0', '0'], 3],
      ['ids-negative', ['-5', '-6', '-7'], 3],
      ['ids-missing', [undefined, undefined, undefined], 3],
      ['ids-equal', ['7', '7', '7'], 3],
      ['ids-two-equal', ['8', '9', '8'], 2],
    ];
    for (const [mode, ids, unknownCount] of cases) {
      const queried: string[] = [];
      const at = await connectMode(mode, (_req, res, body) => {
        const operation = operationOf(body);
        if (operation === 'query') {
          queried.push(body);
          return xml(res, atwsAnswer('query', ticket(7, 'ticket seven') + ticket(9, 'ticket nine')));
        }
        const entities = ids
          .map((id, i) => `<Entity xsi:type="Ticket">${id === undefined ? '' : `<id>${id}</id>`}<Title>n${i}</Title></Entity>`)
          .join('');
        xml(res, atwsAnswer(operation, entities));
      });
      const due = new Date('2030-01-01T00:00:00Z');
      const tickets = ['a', 'b', 'c'].map((title) =>
        at.new('Ticket', { Title: title, AccountID: 0, DueDateTime: due, Priority: known(2), Status: known(1) }),
      );
      const action = at.create(tickets);
      const error = await failure(action.execute());
      assert.ok(error instanceof ApiError, `${mode}: expected an ApiError, got ${String(error)}`);
      assert.equal(error.unknown.length, unknownCount, `${mode}: ${error.message}`);
      assert.equal(error.succeeded.length, 3 - unknownCount, mode);
      assert.equal(error.failed.length, 0, mode);
      assert.ok(
        error.messages.some((m) => /the answer gave (the new record the id|id \d+ to more than one new record)/.test(m)),
        `${mode}: ${error.messages.join(' / ')}`,
      );
      // No object took a doubtful id, so none was filled from another ticket's read-back.
      for (const t of error.unknown) {
        assert.equal((t as { id?: number }).id, undefined, mode);
        assert.notEqual((t as { Title?: string }).Title, 'ticket seven', mode);
      }
      if (unknownCount === 3) assert.deepEqual(queried, [], `${mode}: a read-back was sent for tickets of doubtful ids`);
      at.close();
    }
  });

  it('an update answered saved whose read-back shows the old values is unknown, not succeeded, and says which field', async () => {
    const at = await connectMode('update-not-applied', (_req, res, body) => {
      const operation = operationOf(body);
      // The query (and the read-back) always show the old title; the update answers "saved".
      if (operation === 'query') return xml(res, atwsAnswer('query', ticket(5, 'old title')));
      xml(res, atwsAnswer(operation, ticket(5, 'new title')));
    });
    const [t] = await at.query(new Query('Ticket').where('id', 'Equals', 5)).fetchAll();
    t!.Title = 'new title';
    const error = await failure(at.update(t!).execute());
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.deepEqual(error.unknown, [t]);
    assert.equal(error.succeeded.length, 0);
    assert.ok(
      error.messages.some((m) =>
        /^update Ticket 5: the answer says saved, but reading it back shows Title as "old title", not the "new title" sent; whether the update was applied is unknown/.test(
          m,
        ),
      ),
      error.messages.join('\n'),
    );
    // The object holds what is stored.
    assert.equal(t!.Title, 'old title');
    at.close();
  });

  it('the same new object twice in one create is refused the second time, before sending: one ticket, not two', async () => {
    const sent: number[] = [];
    let next = 100;
    const at = await connectMode('create-twice', (_req, res, body) => {
      const operation = operationOf(body);
      const count = body.split('<Entity ').length - 1;
      if (operation === 'create') sent.push(count);
      const ids = operation === 'create' ? Array.from({ length: count }, () => next++) : [];
      xml(res, atwsAnswer(operation, ids.map((id) => ticket(id)).join('')));
    });
    const due = new Date('2030-01-01T00:00:00Z');
    const t = at.new('Ticket', { Title: 'once', AccountID: 0, DueDateTime: due, Priority: known(2), Status: known(1) });
    const other = at.new('Ticket', { Title: 'other', AccountID: 0, DueDateTime: due, Priority: known(2), Status: known(1) });
    const error = await failure(at.create([t, other, t], { readBack: false }).fetchAll());
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.deepEqual(sent, [2], 'one create call of two entities');
    assert.deepEqual(error.succeeded, [t, other]);
    assert.equal(error.failed.length, 1);
    assert.equal(error.failed[0]!.entity, t);
    assert.match(error.failed[0]!.message, /create: the same Ticket object is handed to create twice; only the first is sent/);
    assert.equal(t.id, 100);
    at.close();
  });
});
