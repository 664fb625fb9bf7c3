import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { AuthenticationError, clearZoneCache, connect, Query, TransportError, UsageError, ZoneNotFoundError } from '../../../runtime/index.js';
import { startTlsFront } from './self-signed.js';
import { connectTo, simLogin } from './sim-connect.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 20 });
});
after(async () => {
  await sim.close();
});

const zoneCalls = (): number => sim.stats.byOperation.get('getZoneInfo') ?? 0;

test('zone discovery through getZoneInfo, cached per user in the process', async () => {
  clearZoneCache();
  const before = zoneCalls();
  const at = await connect({ ...simLogin, discoveryUrl: sim.asmxUrl('1.6') });
  assert.equal(at.url, sim.asmxUrl('1.6'));
  assert.equal(at.zone?.errorCode, 0);
  const again = await connect({ ...simLogin, username: simLogin.username.toUpperCase(), discoveryUrl: sim.asmxUrl('1.6') });
  assert.equal(again.url, sim.asmxUrl('1.6'));
  assert.equal(zoneCalls() - before, 1, 'one getZoneInfo for two connects of the same user');
  const ticket = await at.query(new Query('Ticket').where('id', 'Equals', 1)).fetchOne();
  assert.equal(ticket?.id, 1);
  at.close();
  again.close();
});

test('a 1.5 connection discovers the same zone and talks to its 1.5 endpoint', async () => {
  const at = await connect({ ...simLogin, apiVersion: '1.5', discoveryUrl: sim.asmxUrl('1.6') });
  assert.equal(at.url, sim.asmxUrl('1.5'));
  assert.equal(at.apiVersion, '1.5');
  const ticket = await at.fetchByIds('Ticket', [2]).fetchOne();
  assert.equal(ticket?.id, 2);
  at.close();
});

test('discovery speaks the version of its endpoint: a 1.5 discovery URL serves 1.5 and 1.6 connections', async () => {
  clearZoneCache();
  for (const apiVersion of ['1.5', '1.6'] as const) {
    const at = await connect({ ...simLogin, apiVersion, discoveryUrl: sim.asmxUrl('1.5') });
    assert.equal(at.url, sim.asmxUrl(apiVersion));
    assert.equal(((await at.fetchByIds('Ticket', [3]).fetchOne()) as { id?: number } | undefined)?.id, 3);
    at.close();
  }
});

test('a discovery endpoint whose path names no version is asked in 1.6; a fault says so', async () => {
  clearZoneCache();
  // An endpoint at a path without a version, serving API 1.5 behind it.
  const target = new URL(sim.asmxUrl('1.5'));
  const front = http.createServer((req, res) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/discovery/atws.asmx`;
    await assert.rejects(
      connect({ ...simLogin, apiVersion: '1.5', discoveryUrl: url }),
      (e: unknown) =>
        e instanceof Error &&
        e.message.includes(`getZoneInfo at ${url} (asked in API 1.6's namespace, chosen by the path /atservices/1.6/ or its absence) failed`),
    );
  } finally {
    await new Promise<void>((resolve) => front.close(() => resolve()));
  }
});

test('`url` (asmx or WSDL) skips discovery', async () => {
  const before = zoneCalls();
  const at = await connect({ ...simLogin, url: sim.wsdlUrl('1.6') });
  assert.equal(at.url, sim.asmxUrl('1.6'));
  assert.equal(at.zone, undefined);
  assert.ok((await at.getEntityInfo()).some((e) => e.Name === 'Ticket'));
  assert.equal(zoneCalls(), before);
  at.close();
});

test('an unknown user gets a ZoneNotFoundError naming the user', async () => {
  await assert.rejects(
    connect({ ...simLogin, username: 'nobody@nowhere.example', discoveryUrl: sim.asmxUrl('1.6') }),
    (e: unknown) => e instanceof ZoneNotFoundError && e.user === 'nobody@nowhere.example' && /nobody@nowhere\.example/.test(e.message),
  );
});

test('API 1.6 without an integration code fails before any request', async () => {
  const before = sim.stats.total;
  await assert.rejects(
    // @ts-expect-error integrationCode is required for 1.6 at compile time too; this proves the run-time check
    connect({ username: simLogin.username, password: simLogin.password, discoveryUrl: sim.asmxUrl('1.6') }),
    (e: unknown) => e instanceof UsageError && /integrationCode/.test(e.message),
  );
  await assert.rejects(connect({ ...simLogin, apiVersion: '2.0' as '1.6' }), /apiVersion/);
  await assert.rejects(connect({ ...simLogin, concurrency: 0 }), /concurrency/);
  await assert.rejects(connect({ ...simLogin, url: 'ftp://x' }), /http\(s\)/);
  await assert.rejects(connect({ ...simLogin, pasword: 'x' } as never), /unknown option `pasword`; did you mean password\?/);
  await assert.rejects(
    connect({ ...simLogin, discoveryURL: sim.asmxUrl('1.6') } as never),
    /^UsageError: connect: unknown option `discoveryURL`; did you mean discoveryUrl\?$/,
  );
  await assert.rejects(connect({ ...simLogin, bogus: 1 } as never), /^UsageError: connect: unknown option `bogus`$/);
  assert.equal(sim.stats.total, before);
});

test('wrong credentials give an AuthenticationError without the password in it', async () => {
  const at = await connectTo(sim.url, { password: 'wrong-secret-pw' });
  await assert.rejects(at.getEntityInfo(), (e: unknown) => {
    assert.ok(e instanceof AuthenticationError);
    assert.equal(e.status, 401);
    assert.doesNotMatch(`${e.message} ${e.stack ?? ''}`, /wrong-secret-pw/);
    return true;
  });
  at.close();
});

test('a non-SOAP answer gives a TransportError with the HTTP status and the start of the body', async () => {
  const at = await connect({ ...simLogin, url: `${sim.url}/atservices/9.9/atws.asmx`, retries: 0 });
  await assert.rejects(at.getEntityInfo(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.status, 404);
    assert.match(e.details.bodyStart ?? '', /Not found/);
    assert.match(e.message, /HTTP 404/);
    return true;
  });
  at.close();
});

test('malformed XML with HTTP 200 is a TransportError quoting the body', async () => {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.end('<soap:Envelope><oops');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const at = await connect({ ...simLogin, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/atws.asmx` });
    await assert.rejects(at.getThresholdAndUsageInfo(), (e: unknown) => e instanceof TransportError && e.status === 200 && /oops/.test(e.message));
    at.close();
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('support files: every exchange written, secrets redacted, impersonation in the header', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atws-support-'));
  try {
    const at = await connectTo(sim.url, { supportFilesPath: dir, impersonateAsResourceId: 29682885 });
    await at.fetchByIds('Ticket', [1]).fetchAll();
    await at.getThresholdAndUsageInfo();
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 4);
    for (const name of files) assert.match(name, /^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f-]{36}-(query|getThresholdAndUsageInfo)-(sent|received)\.xml$/);
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    assert.doesNotMatch(all, new RegExp(simLogin.password));
    assert.doesNotMatch(all, new RegExp(simLogin.integrationCode));
    assert.doesNotMatch(all, /Basic [A-Za-z0-9+/=]{8,}/);
    assert.match(all, /Authorization: \[REDACTED\]/);
    assert.match(all, /<IntegrationCode>\[REDACTED\]<\/IntegrationCode>/);
    assert.match(all, /<ImpersonateAsResourceID>29682885<\/ImpersonateAsResourceID>/);
    assert.match(all, /queryResponse/);
    at.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a request that takes too long is a TransportError (ETIMEDOUT), retried for reads', async () => {
  const slow = await startSimulator({ tickets: 1, faults: 'slow=1:2000', faultSeed: 3 });
  try {
    const at = await connectTo(slow.url, { timeoutMs: 150, retries: 1 });
    const started = Date.now();
    await assert.rejects(
      at.getEntityInfo(),
      (e: unknown) => e instanceof TransportError && e.details.code === 'ETIMEDOUT' && /within 150 ms/.test(e.message),
    );
    assert.ok(Date.now() - started < 1500, 'gave up after two short attempts');
    assert.equal(slow.stats.total, 2);
    at.close();
  } finally {
    await slow.close();
  }
});

test('TLS certificates are checked unless insecureSkipTlsVerify turns that off', async () => {
  const front = await startTlsFront(sim.url);
  const url = front.asmxUrl;
  try {
    const strict = await connect({ ...simLogin, url, retries: 0 });
    await assert.rejects(strict.getThresholdAndUsageInfo(), (e: unknown) => e instanceof TransportError && /self[- ]signed/i.test(e.message));
    strict.close();
    const lax = await connect({ ...simLogin, url, insecureSkipTlsVerify: true });
    assert.equal((await lax.getThresholdAndUsageInfo()).threshold, sim.options.threshold);
    lax.close();
  } finally {
    await front.close();
  }
});
