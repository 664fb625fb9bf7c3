/**
 * Every kind of bad answer a remote SaaS gives, from a real HTTP peer on 127.0.0.1 that answers
 * badly on purpose (its first path segment says how): each gives a specific error type whose
 * message says what went wrong, within the configured timeout, and nothing is left unhandled.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, AuthenticationError, connect, Query, TransportError, ZoneNotFoundError, AtwsError, type Connection } from '../../runtime/index.js';
import { simLogin } from '../integration/client/sim-connect.js';
import { known } from '../support/known-value.js';

const TIMEOUT_MS = 400;
const NS = 'http://autotask.net/ATWS/v1_6/';
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const queryAnswer = envelope(
  `<queryResponse xmlns="${NS}"><queryResult><ReturnCode>1</ReturnCode><EntityResults>` +
    `<Entity xsi:type="Ticket" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><id>1</id><Title xsi:type="xsd:string">ok</Title></Entity>` +
    `</EntityResults><EntityResultType>ticket</EntityResultType><Errors/><EntityReturnInfoResults/></queryResult></queryResponse>`,
);

type Mode = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const html =
  (status: number, text: string): Mode =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<html><head><title>${text}</title></head><body><h1>${text}</h1></body></html>`);
  };
const xml =
  (status: number, body: string): Mode =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' });
    res.end(body);
  };

const MODES: Record<string, Mode> = {
  truncated: xml(200, queryAnswer.slice(0, Math.floor(queryAnswer.length * 0.6))),
  malformed: xml(200, queryAnswer.replace('</Title>', '</Titel>')),
  'html-200': html(200, 'Autotask is down for maintenance'),
  '401': (_req, res) => {
    res.writeHead(401, { 'Content-Type': 'text/html', 'WWW-Authenticate': 'Basic realm="ATWS"' });
    res.end('<html><body>401 - Unauthorized: Access is denied due to invalid credentials.</body></html>');
  },
  '403': html(403, '403 - Forbidden: Access is denied.'),
  '404': html(404, '404 - File or directory not found.'),
  '500': html(500, '500 - Internal server error.'),
  '503-xml-not-soap': xml(503, '<error>busy</error>'),
  'not-soap': xml(200, '<html xmlns="http://www.w3.org/1999/xhtml"><body>hello</body></html>'),
  'empty-200': xml(200, ''),
  'no-atws-response': xml(200, envelope(`<queryResponse xmlns="${NS}"/>`)),
  fault: xml(
    500,
    envelope(
      '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Object reference not set to an instance of an object.</faultstring></soap:Fault>',
    ),
  ),
  hang: () => undefined,
  'headers-then-stall': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.write(queryAnswer.slice(0, 100));
  },
  'drop-at-once': (req) => req.socket.destroy(),
  'drop-mid-body': (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(queryAnswer.length) });
    res.write(queryAnswer.slice(0, 200));
    setTimeout(() => req.socket.destroy(), 20);
  },
};

let server: http.Server;
let base: string;
const hits = new Map<string, number>();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  server = http.createServer((req, res) => {
    const mode = (req.url ?? '/').split('/')[1] ?? '';
    hits.set(mode, (hits.get(mode) ?? 0) + 1);
    req.resume();
    req.on('end', () => (MODES[mode] ?? html(404, 'no such mode'))(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  // Give late socket events a turn to surface before checking that none went unhandled.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  assert.deepEqual(unhandled.map(String), [], 'unhandled rejections or exceptions');
});

function connectMode(mode: string, extra: { retries?: number } = {}): Promise<Connection<'1.6'>> {
  return connect({ ...simLogin, url: `${base}/${mode}/atservices/1.6/atws.asmx`, timeoutMs: TIMEOUT_MS, retryBaseDelayMs: 1, retries: 1, ...extra });
}

interface Expectation {
  readonly type: new (...args: never[]) => AtwsError;
  readonly message: RegExp;
}

/** Runs `call`, and checks the error's type, message, that no secret is in it, and how long it took. */
async function expectFailure(what: string, call: () => Promise<unknown>, expected: Expectation, budgetMs: number): Promise<void> {
  const started = Date.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  const took = Date.now() - started;
  assert.ok(error instanceof expected.type, `${what}: expected ${expected.type.name}, got ${String(error)}`);
  assert.match(error.message, expected.message, `${what}: ${error.message}`);
  assert.doesNotMatch(
    `${error.message} ${JSON.stringify(error)}`,
    new RegExp(`${simLogin.password}|${simLogin.integrationCode}`),
    `${what}: a secret leaked`,
  );
  assert.ok(took <= budgetMs, `${what}: took ${took} ms, more than ${budgetMs} ms`);
}

const CASES: Array<[mode: string, query: Expectation, create?: Expectation]> = [
  ['truncated', { type: TransportError, message: /query: HTTP 200 answer is not the SOAP expected/ }],
  ['malformed', { type: TransportError, message: /query: HTTP 200 answer is not the SOAP expected \(.*unexpected close tag/ }],
  ['html-200', { type: TransportError, message: /unexpected HTTP 200 answer \(text\/html.*maintenance/ }],
  ['401', { type: AuthenticationError, message: /refused the credentials of user "api-user@sim\.example" \(HTTP 401\)/ }],
  ['403', { type: AuthenticationError, message: /HTTP 403/ }],
  ['404', { type: TransportError, message: /unexpected HTTP 404 answer.*not found/ }],
  ['500', { type: TransportError, message: /unexpected HTTP 500 answer.*Internal server error/ }],
  ['503-xml-not-soap', { type: TransportError, message: /HTTP 503/ }],
  ['not-soap', { type: AtwsError, message: /query: .*(not a SOAP|no ATWSResponse|not the SOAP)/ }],
  ['empty-200', { type: TransportError, message: /query: HTTP 200 answer/ }],
  ['no-atws-response', { type: ApiError, message: /query: HTTP 200 answer holds no ATWSResponse/ }],
  ['fault', { type: ApiError, message: /SOAP fault soap:Server: Object reference not set/ }],
  ['hang', { type: TransportError, message: new RegExp(`no complete answer from 127\\.0\\.0\\.1:\\d+ within ${TIMEOUT_MS} ms`) }],
  ['headers-then-stall', { type: TransportError, message: /within 400 ms/ }],
  ['drop-at-once', { type: TransportError, message: /query: request to 127\.0\.0\.1:\d+ failed: socket hang up/ }],
  ['drop-mid-body', { type: TransportError, message: /query: .*(broke off|aborted|not the SOAP)/ }],
];

describe('bad answers', () => {
  for (const [mode, expected] of CASES) {
    it(`${mode}: query, getWsdlVersion and create each fail clearly, in time`, async () => {
      const at = await connectMode(mode);
      // Two attempts of the timeout each, plus backoff, at most.
      const budget = 2 * TIMEOUT_MS + 600;
      await expectFailure(`${mode} query`, () => at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll(), expected, budget);
      await expectFailure(
        `${mode} getWsdlVersion`,
        () => at.getWsdlVersion(),
        {
          type: expected.type === ApiError && mode === 'no-atws-response' ? TransportError : expected.type,
          message: /GetWsdlVersion|credentials|HTTP|within|socket|SOAP/,
        },
        budget,
      );
      // A create is never retried: whatever the failure, each ticket comes back failed or unknown.
      const tickets = [at.new('Ticket', { Title: 't', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) })];
      const error = await at
        .create(tickets)
        .execute()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(error instanceof ApiError, `${mode} create: ${String(error)}`);
      assert.equal(error.failed.length + error.unknown.length, 1);
      assert.match(error.message, /create: 0 succeeded/);
      at.close();
    });
  }

  it('a transient failure is retried for a query (and not for a create): 500 once, then the answer', async () => {
    let calls = 0;
    MODES['flaky'] = (req, res) => (++calls === 1 ? MODES['500']!(req, res) : xml(200, queryAnswer)(req, res));
    const at = await connectMode('flaky', { retries: 2 });
    const tickets = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
    assert.deepEqual(
      tickets.map((t) => t.Title),
      ['ok'],
    );
    assert.equal(calls, 2);
    at.close();
  });

  it('connection refused and an unknown host: TransportError naming the host and the cause', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await connect({
      ...simLogin,
      url: `http://127.0.0.1:${port}/atservices/1.6/atws.asmx`,
      timeoutMs: TIMEOUT_MS,
      retries: 1,
      retryBaseDelayMs: 1,
    });
    await expectFailure(
      'refused',
      () => refused.getWsdlVersion(),
      { type: TransportError, message: new RegExp(`127\\.0\\.0\\.1:${port} failed: connect ECONNREFUSED`) },
      2_000,
    );
    const nowhere = await connect({
      ...simLogin,
      url: 'http://atws.nonexistent-zone.invalid/atservices/1.6/atws.asmx',
      timeoutMs: 2_000,
      retries: 0,
    });
    await expectFailure(
      'unknown host',
      () => nowhere.query(new Query('Ticket').where('id', 'Equals', 1)).fetchAll(),
      { type: TransportError, message: /atws\.nonexistent-zone\.invalid failed: getaddrinfo (ENOTFOUND|EAI_AGAIN)/ },
      3_000,
    );
    await expectFailure(
      'discovery at an unknown host',
      () =>
        connect({ ...simLogin, discoveryUrl: 'http://discovery.nonexistent-zone.invalid/atservices/1.6/atws.asmx', timeoutMs: 2_000, retries: 0 }),
      { type: TransportError, message: /getZoneInfo: request to discovery\.nonexistent-zone\.invalid failed/ },
      3_000,
    );
  });

  it('zone discovery answered badly: HTML, 401, a fault, no zone', async () => {
    const discover = (mode: string) => () =>
      connect({ ...simLogin, discoveryUrl: `${base}/${mode}/atservices/1.6/atws.asmx`, timeoutMs: TIMEOUT_MS, retries: 0 });
    await expectFailure('discovery html', discover('html-200'), { type: TransportError, message: /getZoneInfo: unexpected HTTP 200 answer/ }, 1_000);
    await expectFailure(
      'discovery 401',
      discover('401'),
      { type: AuthenticationError, message: /getZoneInfo: Autotask refused the credentials \(HTTP 401\)/ },
      1_000,
    );
    await expectFailure('discovery fault', discover('fault'), { type: ApiError, message: /getZoneInfo: SOAP fault/ }, 1_000);
    MODES['no-zone'] = xml(
      200,
      envelope(`<getZoneInfoResponse xmlns="${NS}"><getZoneInfoResult><ErrorCode>2</ErrorCode></getZoneInfoResult></getZoneInfoResponse>`),
    );
    await expectFailure(
      'discovery no zone',
      discover('no-zone'),
      { type: ZoneNotFoundError, message: /No Autotask zone found for user "api-user@sim\.example" \(getZoneInfo ErrorCode 2\)/ },
      1_000,
    );
  });
});
