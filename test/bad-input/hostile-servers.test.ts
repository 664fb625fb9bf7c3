/**
 * Servers that misbehave on purpose, as real HTTP peers on 127.0.0.1 (the transport is not mocked):
 * one that ignores the paging condition, one that sends more than 500 entities in a page (or two
 * million), one whose small answers never end, rate limiters with `Retry-After`, and a hung one
 * against the call's deadline. Each must end in a clear error, in bounded memory and time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, connect, Query, TransportError, type Connection } from '../../runtime/index.js';
import type { ConnectOptions } from '../../runtime/client/connection-options.js';
import { simLogin } from '../integration/client/sim-connect.js';

const NS = 'http://autotask.net/ATWS/v1_6/';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const head = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ${XSI}><soap:Body>`;
const tail = '</soap:Body></soap:Envelope>';
const ticket = (id: number): string => `<Entity xsi:type="Ticket"><id>${id}</id><Title>t${id}</Title></Entity>`;
const queryStart = `${head}<queryResponse xmlns="${NS}"><queryResult><ReturnCode>1</ReturnCode><EntityResults>`;
const queryEnd = `</EntityResults><EntityResultType>ticket</EntityResultType><Errors/><EntityReturnInfoResults/></queryResult></queryResponse>${tail}`;
const queryAnswer = (ids: readonly number[]): string => queryStart + ids.map(ticket).join('') + queryEnd;
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

let server: http.Server;
let base: string;
const handlers = new Map<string, Handler>();
/** When each request of a mode arrived (ms since the epoch), as the server saw it. */
const arrivals = new Map<string, number[]>();

before(async () => {
  server = http.createServer((req, res) => {
    const mode = (req.url ?? '/').split('/')[1] ?? '';
    arrivals.set(mode, [...(arrivals.get(mode) ?? []), Date.now()]);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => (handlers.get(mode) ?? ((_q, r) => r.writeHead(404).end()))(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function connectMode(
  mode: string,
  handler: Handler,
  extra: Omit<ConnectOptions<'1.6', 'soap'>, 'username' | 'password' | 'integrationCode'> = {},
): Promise<Connection<'1.6'>> {
  handlers.set(mode, handler);
  return connect({ ...simLogin, url: `${base}/${mode}/atservices/1.6/atws.asmx`, retryBaseDelayMs: 1, ...extra });
}

const xml = (res: http.ServerResponse, body: string, status = 200): void => {
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.end(body);
};
const failure = <T>(pending: Promise<T>): Promise<unknown> =>
  pending.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Writes `count` entities (or a fault's worth of field infos) as fast as the peer reads them; returns how many went out. */
function stream(res: http.ServerResponse, start: string, item: (i: number) => string, count: number, end: string): Promise<number> {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  res.write(start);
  return new Promise((resolve) => {
    let i = 0;
    let closed = false;
    res.on('close', () => {
      closed = true;
      resolve(i);
    });
    const pump = (): void => {
      while (!closed && i < count) {
        let chunk = '';
        for (let n = 0; n < 1000 && i < count; n++) chunk += item(i++);
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!closed) {
        res.end(end);
        resolve(i);
      }
    };
    pump();
  });
}

describe('hostile servers', { timeout: 60_000 }, () => {
  it('a server that ignores id > <last id> ends the cursor with an error naming it, not an endless loop', async () => {
    let pages = 0;
    const at = await connectMode('ignores-paging', (_req, res) => {
      pages++;
      xml(res, queryAnswer(range(1, 500)));
    });
    let seen = 0;
    const error = await failure(
      (async () => {
        for await (const _ of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) seen++;
      })(),
    );
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.match(
      error.message,
      /query Ticket: the server misbehaves: the page holds id 1, which the query's condition id > 500 excludes: the server ignored it, and paging on would never end/,
    );
    assert.equal(pages, 2);
    assert.equal(seen, 500);
    // fetchAll() ends too, with the same error.
    const again = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
    assert.ok(again instanceof ApiError && /misbehaves/.test(again.message));
    at.close();
  });

  it('a page going backwards (last id below the previous one) is refused the same way', async () => {
    let calls = 0;
    const at = await connectMode('backwards', (_req, res) => xml(res, queryAnswer(++calls === 1 ? range(1000, 500) : range(1, 3))));
    const error = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
    assert.ok(error instanceof ApiError && /the page holds id 1, which the query's condition id > 1499 excludes/.test(error.message), String(error));
    at.close();
  });

  it('answers not taken at their word: another entity type, overlapping pages, ids falling inside a page, a non-numeric id', async () => {
    const account = (id: number): string => `<Entity xsi:type="Account"><id>${id}</id><AccountName>a${id}</AccountName></Entity>`;
    const pagesOf = (first: (n: number) => string): Handler => {
      let calls = 0;
      return (_req, res) => xml(res, queryStart + first(++calls) + queryEnd);
    };
    const cases: Array<[mode: string, handler: Handler, expected: RegExp]> = [
      [
        'account-for-ticket',
        pagesOf(() => [1, 2, 3].map(account).join('')),
        /query Ticket: the server misbehaves: a query of Ticket was answered with a Account \(entity 1 of the page\)/,
      ],
      // Page 2 overlaps page 1: 250 entities yielded twice.
      [
        'overlap',
        pagesOf((n) =>
          range(n === 1 ? 1 : 251, 500)
            .map((id) => ticket(id))
            .join(''),
        ),
        /the page holds id 251, which the query's condition id > 500 excludes: the server ignored it/,
      ],
      ['descending', pagesOf(() => [5, 4, 3].map((id) => ticket(id)).join('')), /the page's ids do not rise: id 4 comes after id 5/],
      ['duplicate-in-page', pagesOf(() => [3, 3].map((id) => ticket(id)).join('')), /the page's ids do not rise: id 3 comes after id 3/],
      [
        'non-numeric-id',
        pagesOf(() => ticket(1) + '<Entity xsi:type="Ticket"><id>x7</id><Title>t</Title></Entity>'),
        /entity 2 of the page has id none, not an integer/,
      ],
    ];
    for (const [mode, handler, expected] of cases) {
      const at = await connectMode(mode, handler);
      const seen: number[] = [];
      const error = await failure(
        (async () => {
          for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) seen.push(t.id);
        })(),
      );
      assert.ok(error instanceof ApiError, `${mode}: expected an ApiError, got ${String(error)}`);
      assert.match(error.message, expected, mode);
      // Nothing of a refused page is yielded, so no entity comes twice.
      assert.equal(new Set(seen).size, seen.length, `${mode}: duplicates yielded`);
      assert.ok(seen.length === 0 || seen.length === 500, `${mode}: ${seen.length} yielded`);
      at.close();
    }
  });

  it('a page repeating the previous one but for a growing last id ([1..499, 499+k]) is refused at page 2, not paged forever', async () => {
    let pages = 0;
    const at = await connectMode('creeping-last-id', (_req, res) => {
      pages++;
      xml(res, queryAnswer([...range(1, 499), 499 + pages]));
    });
    const error = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
    assert.ok(error instanceof ApiError, String(error));
    assert.match(
      error.message,
      /the page holds id 1, which the query's condition id > 500 excludes: the server ignored it, and paging on would never end/,
    );
    assert.equal(pages, 2);
    at.close();
  });

  it('a partitioned export against a server ignoring id > ends with the error after a few requests, not thousands', async () => {
    let requests = 0;
    const at = await connectMode('partitions-ignored', (_req, res) => {
      requests++;
      xml(res, queryAnswer(range(1, 500)));
    });
    const error = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0), { partitions: 3 }).fetchAll());
    assert.ok(error instanceof ApiError, String(error));
    assert.match(error.message, /query Ticket: the server misbehaves: the page holds id 1, which the query's condition id > \d+ excludes/);
    // The first page and one round of three stripes at most.
    assert.ok(requests <= 4, `${requests} requests`);
    at.close();
  });

  it('a repeated <ReturnCode> or entity <id>: the answer is refused, not read as its last one', async () => {
    const twice: Array<[string, string]> = [
      [
        'return-code-twice',
        `${head}<queryResponse xmlns="${NS}"><queryResult><ReturnCode>-1</ReturnCode><ReturnCode>1</ReturnCode><EntityResults>${ticket(1)}</EntityResults><Errors/></queryResult></queryResponse>${tail}`,
      ],
      [
        'id-twice',
        `${head}<queryResponse xmlns="${NS}"><queryResult><ReturnCode>1</ReturnCode><EntityResults><Entity xsi:type="Ticket"><id>1</id><id>9</id><Title>t</Title></Entity></EntityResults><Errors/></queryResult></queryResponse>${tail}`,
      ],
    ];
    for (const [mode, body] of twice) {
      const at = await connectMode(mode, (_req, res) => xml(res, body), { retries: 0 });
      const error = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
      assert.ok(error instanceof TransportError, `${mode}: ${String(error)}`);
      assert.match(error.message, mode === 'id-twice' ? /an entity holds <id> twice/ : /the answer holds <ReturnCode> twice/, mode);
      at.close();
    }
  });

  it('a page of 501 entities is an error (ATWS sends at most 500)', async () => {
    const at = await connectMode('page-501', (_req, res) => xml(res, queryAnswer(range(1, 501))));
    const error = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
    assert.ok(error instanceof TransportError, `expected a TransportError, got ${String(error)}`);
    assert.match(error.message, /query: the server sent more than 500 entities in one answer, which ATWS never does/);
    at.close();
  });

  it('a page of 2,000,000 entities fails at the 501st, without reading (or holding) the rest', async () => {
    let sent: Promise<number> | undefined;
    const at = await connectMode('two-million', (_req, res) => {
      sent = stream(res, queryStart, (i) => ticket(i + 1), 2_000_000, queryEnd);
    });
    const error = await failure(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll());
    assert.ok(error instanceof TransportError && /more than 500 entities/.test(error.message), String(error));
    const written = await (sent as Promise<number>);
    // The socket was dropped early: the server got nowhere near writing them all.
    assert.ok(written < 200_000, `the server wrote ${written} entities before the client hung up`);
    at.close();
  });

  it('a GetFieldInfo answer of 200 MB fails at maxAnswerBytes (default 32 MiB), not by exhausting the heap', async () => {
    const fieldStart = `${head}<GetFieldInfoResponse xmlns="${NS}"><GetFieldInfoResult>`;
    const field = (i: number): string =>
      `<Field><Name>F${i}</Name><Label>Field number ${i} with a long label to fill bytes</Label><Type>string</Type></Field>`;
    const perField = field(100_000).length;
    let sent: Promise<number> | undefined;
    const at = await connectMode('huge-fieldinfo', (_req, res) => {
      sent = stream(res, fieldStart, field, Math.ceil(200_000_000 / perField), `</GetFieldInfoResult></GetFieldInfoResponse>${tail}`);
    });
    const error = await failure(at.getFieldInfo('Ticket'));
    assert.ok(error instanceof TransportError, `expected a TransportError, got ${String(error)}`);
    assert.match(error.message, /GetFieldInfo: the answer is larger than maxAnswerBytes \(33,554,432 bytes\)/);
    assert.ok((await (sent as Promise<number>)) * perField < 100_000_000, 'the client read on past the limit');
    at.close();
  });

  it('every small answer read as a tree has the limit: getUDFInfo, getEntityInfo, GetAttachment, zone discovery', async () => {
    const padding = `<!--${'x'.repeat(5_000)}-->`;
    const big =
      (response: string): Handler =>
      (_req, res) =>
        xml(res, `${head}${padding}<${response} xmlns="${NS}"/>${tail}`);
    const limit = { maxAnswerBytes: 4_096 };
    const cases: Array<[string, (at: Connection<'1.6'>) => Promise<unknown>, string]> = [
      ['getUDFInfo', (at) => at.getUdfInfo('Ticket'), 'getUDFInfoResponse'],
      ['getEntityInfo', (at) => at.getEntityInfo(), 'getEntityInfoResponse'],
      ['GetAttachment', (at) => at.getAttachment(1), 'GetAttachmentResponse'],
      ['GetWsdlVersion', (at) => at.getWsdlVersion(), 'GetWsdlVersionResponse'],
    ];
    for (const [operation, call, response] of cases) {
      const at = await connectMode(`big-${operation}`, big(response), limit);
      const error = await failure(call(at));
      assert.ok(
        error instanceof TransportError && error.message.startsWith(`${operation}: the answer is larger than maxAnswerBytes (4,096 bytes)`),
        `${operation}: ${String(error)}`,
      );
      at.close();
    }
    handlers.set('big-zone', big('getZoneInfoResponse'));
    const error = await failure(connect({ ...simLogin, discoveryUrl: `${base}/big-zone/atservices/1.6/atws.asmx`, ...limit }));
    assert.ok(error instanceof TransportError && /^getZoneInfo: the answer is larger than maxAnswerBytes/.test(error.message), String(error));
  });

  it('429 with Retry-After is retried after the time asked; so is 503', async () => {
    for (const status of [429, 503]) {
      let calls = 0;
      const lines: string[] = [];
      const mode = `retry-after-${status}`;
      const at = await connectMode(
        mode,
        (_req, res) => {
          if (++calls === 1) {
            res.writeHead(status, { 'Content-Type': 'text/html', 'Retry-After': '1' });
            return void res.end('<html><body>Slow down</body></html>');
          }
          xml(res, queryAnswer([7]));
        },
        { debug: (line) => lines.push(line), retries: 1 },
      );
      const tickets = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
      assert.deepEqual(
        tickets.map((t) => t.id),
        [7],
      );
      assert.equal(calls, 2);
      assert.ok(
        lines.some((l) =>
          /^atws retry query #2 in 1000 ms \(as Retry-After asked\) after TransportError: query: unexpected HTTP \d+ answer \(text\/html, Retry-After 1,000 ms\)/.test(
            l,
          ),
        ),
        lines.join('\n'),
      );
      // A lower bound only (the client waited at least what was asked); it cannot flake.
      const [first, second] = arrivals.get(mode) as number[];
      assert.ok((second as number) - (first as number) >= 990, `the retry came ${(second as number) - (first as number)} ms after the 429`);
      at.close();
    }
  });

  it('a Retry-After beyond the deadline fails at once, saying so', async () => {
    let calls = 0;
    const at = await connectMode(
      'retry-after-hour',
      (_req, res) => {
        calls++;
        res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '3600' });
        res.end('Too many requests');
      },
      { deadlineMs: 5_000 },
    );
    const error = await failure(at.getWsdlVersion());
    assert.ok(error instanceof TransportError, String(error));
    assert.match(error.message, /HTTP 429 .*; gave up after [\d,]+ ms: the next attempt's wait of 3,600,000 ms would pass the deadline of 5,000 ms/);
    assert.equal(calls, 1);
    at.close();
  });

  it("a hung server, retried: the error says how many attempts over how long, not one attempt's timeout", async () => {
    const at = await connectMode('hang', () => undefined, { timeoutMs: 200, retries: 2 });
    const started = Date.now();
    const error = await failure(at.getWsdlVersion());
    const measured = Date.now() - started;
    assert.ok(error instanceof TransportError, String(error));
    const match = /within 200 ms; gave up after 3 attempts over ([\d,]+) ms/.exec(error.message);
    assert.ok(match, `the message does not say how long it waited: ${error.message}`);
    const reported = Number((match[1] as string).replace(/,/g, ''));
    assert.ok(reported >= 600 && reported <= measured, `reported ${reported} ms, measured ${measured} ms`);
    at.close();
  });

  it('a hung server: the error says how long the call really waited, and the deadline bounds it', async () => {
    const at = await connectMode('hang', () => undefined, { timeoutMs: 300, retries: 3, deadlineMs: 800 });
    const started = Date.now();
    const error = await failure(at.getWsdlVersion());
    const measured = Date.now() - started;
    assert.ok(error instanceof TransportError, String(error));
    const match = /gave up after (\d+) attempts over ([\d,]+) ms/.exec(error.message);
    assert.ok(match, `the message does not say how long it waited: ${error.message}`);
    const reported = Number((match[2] as string).replace(/,/g, ''));
    assert.equal(error.details.attempts, Number(match[1]));
    assert.ok(reported >= 800 && reported <= measured, `reported ${reported} ms, measured ${measured} ms`);
    assert.match(error.message, /within \d+ ms \(the rest of the call's deadline of 800 ms\)/);
    // Four attempts of 300 ms would be 1,200 ms: the deadline stopped it first.
    assert.ok(Number(match[1]) <= 3);
    at.close();
  });
});
