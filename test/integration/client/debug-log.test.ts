/**
 * `connect({ debug })`: one line per request, answer and retry, with operation, URL, attempt,
 * status, bytes and milliseconds, and no secret in any of them; `ATWS_DEBUG=1` turns it on.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { connect, Query, UsageError } from '../../../runtime/index.js';
import { debugSink } from '../../../runtime/client/http/debug-log.js';
import { startSoapProxy, type SoapProxy } from '../../support/soap-proxy.js';
import { connectTo } from './sim-connect.js';

const PASSWORD = 'debug-Pa$$&<pw>';
const INTEGRATION_CODE = 'DEBUG-INTEGRATION-9Q';

let sim: RunningSimulator;
let proxy: SoapProxy;
before(async () => {
  sim = await startSimulator({ tickets: 700, password: PASSWORD, integrationCode: INTEGRATION_CODE });
  // The first query attempt is dropped, so that a retry shows in the log.
  proxy = await startSoapProxy(sim.url, (operation, index) => (operation === 'query' && index === 0 ? 'reset-before' : 'pass'));
});
after(async () => {
  await proxy?.close();
  await sim?.close();
});

test('debug lines: request, answer and retry, with operation, URL, attempt, status, bytes and ms; no secret', async () => {
  const lines: string[] = [];
  const at = await connectTo(proxy.url, { password: PASSWORD, integrationCode: INTEGRATION_CODE, debug: (line) => lines.push(line) });
  const tickets = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
  await at.getWsdlVersion();
  at.close();
  assert.equal(tickets.length, 700);

  const url = `${proxy.url}/atservices/1.6/atws.asmx`;
  const queries = lines.filter((l) => / query #/.test(l));
  // Attempt 1 of the first page fails, is retried as attempt 2, then the second page: 3 requests, 1 failure, 1 retry, 2 answers.
  assert.match(queries[0] ?? '', new RegExp(`^atws -> query #1 POST ${url} \\d+ bytes$`));
  assert.match(queries[1] ?? '', /^atws x- query #1 failed after \d+ ms \(0 bytes read\): TransportError: query: /);
  assert.match(queries[2] ?? '', /^atws retry query #2 in \d+ ms after TransportError: /);
  assert.match(queries[3] ?? '', /^atws -> query #2 POST /);
  assert.match(queries[4] ?? '', /^atws <- query #2 HTTP 200 \d+ bytes \d+ ms$/);
  assert.equal(queries.filter((l) => l.startsWith('atws <- query')).length, 2, queries.join('\n'));
  assert.ok(Number(/HTTP 200 (\d+) bytes/.exec(queries[4] ?? '')?.[1]) > 100_000, 'a page of 500 tickets is counted in bytes');
  assert.ok(lines.some((l) => /^atws <- GetWsdlVersion #1 HTTP 200 \d+ bytes \d+ ms$/.test(l)));

  const text = lines.join('\n');
  const basic = Buffer.from(`${sim.options.username}:${PASSWORD}`).toString('base64');
  for (const secret of [PASSWORD, INTEGRATION_CODE, basic, encodeURIComponent(PASSWORD), 'Authorization']) {
    assert.ok(!text.includes(secret), `a debug line holds ${secret === 'Authorization' ? 'an Authorization header' : 'a secret'}`);
  }
});

test('debug option: ATWS_DEBUG=1 turns it on when not given; false wins; anything else is refused', async () => {
  assert.equal(debugSink(undefined, {}), undefined);
  assert.equal(typeof debugSink(undefined, { ATWS_DEBUG: '1' }), 'function');
  assert.equal(debugSink(false, { ATWS_DEBUG: '1' }), undefined);
  assert.equal(typeof debugSink(true, {}), 'function');
  const own = (): void => undefined;
  assert.equal(debugSink(own, {}), own);
  await assert.rejects(
    connect({ username: 'u', password: 'p', integrationCode: 'c', debug: 'yes' as unknown as boolean }),
    (e: unknown) => e instanceof UsageError && /`debug` must be a boolean or a function taking each line, got string/.test(e.message),
  );
});
