/**
 * Secrets never leave the process. A password or integration code (or the Basic token made of them),
 * in any form (as is, XML-escaped, URL-encoded, base64), ANYWHERE fails this test: an error's
 * message, stack, details or cause, `inspect`/`JSON.stringify`/`console.log` of any public object
 * (the connection first, with its own inspect bypassed too), a property walk of the connection, the
 * support files, the debug lines, the CLI's output, the whole tour's output. Nothing is stripped,
 * no error type is left out. The sessions run against the simulator and against hostile servers
 * that echo the request (headers, body, decoded credentials) into HTML 500 pages and SOAP faults.
 * Secrets are distinctive, and one login has a two-letter password, which must be redacted as a
 * whole token without mangling ordinary text (`https` stays `https`). TLS certificates are checked
 * unless the documented `insecureSkipTlsVerify` says otherwise.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator } from '../../simulator/index.js';
import { connect, Query, TransportError, type Connection } from '../../runtime/index.js';
import { basicToken } from '../../runtime/protocol/redaction.js';
import { startTlsFront } from '../integration/client/self-signed.js';
import { known } from '../support/known-value.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tour = fileURLToPath(new URL('../../simulator/tour/tour.ts', import.meta.url));
const cli = fileURLToPath(new URL('../../runtime/cli/atws.ts', import.meta.url));
const USER = SIMULATOR_DEFAULTS.username;
// Distinctive secrets with characters XML and URLs escape, so that an escaped copy would be caught too.
const PASSWORD = 'Pa$$w0rd&<secret>"42"-Qv7';
const INTEGRATION_CODE = 'INTEGRATION-CODE-7F3A&<x>';
// A password too short to tell from ordinary text (and not a word): looked for as a whole token.
const SHORT_PASSWORD = 't7';
const SHORT_CODE = 'SHORT-LOGIN-CODE-91';

let dir: string;
let sim: RunningSimulator;
let shortSim: RunningSimulator;
let echo: http.Server;
let echoBase: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atws-secrets-'));
  sim = await startSimulator({ tickets: 600, password: PASSWORD, integrationCode: INTEGRATION_CODE });
  shortSim = await startSimulator({ tickets: 20, password: SHORT_PASSWORD, integrationCode: SHORT_CODE });
  echo = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      // What a misconfigured proxy or server might echo: the decoded login, the header, the body.
      const auth = String(req.headers.authorization ?? '');
      const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8');
      const password = decoded.slice(decoded.indexOf(':') + 1);
      const code = /<IntegrationCode>([^<]*)</.exec(body)?.[1] ?? '';
      const htmlEscaped = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      const references = (t: string, hex: boolean): string =>
        [...t].map((ch) => `&#${hex ? 'x' : ''}${(ch.codePointAt(0) as number).toString(hex ? 16 : 10)};`).join('');
      const echoed =
        `pw ${password} enc ${encodeURIComponent(password)} token ${auth.slice(6)} code ${code} esc ${htmlEscaped(password)} ` +
        `dec ${references(password, false)} hex ${references(password, true)} b64 ${Buffer.from(password).toString('base64')} ` +
        `up ${password.toUpperCase()} low ${password.toLowerCase()} body ${htmlEscaped(body)}`;
      // The password placed across the 300th character, where an error's quote of the body is cut.
      if ((req.url ?? '').startsWith('/straddle-html')) {
        res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`${'x'.repeat(296)}${password} and the rest of the page`);
        return;
      }
      if ((req.url ?? '').startsWith('/straddle-xml')) {
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(`<?xml version="1.0"?><a>${'x'.repeat(272)}${htmlEscaped(password)}</b>`);
        return;
      }
      if ((req.url ?? '').startsWith('/fault')) {
        res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(
          `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>${htmlEscaped(echoed)}</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
        );
        return;
      }
      res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<html><body><h1>500</h1><pre>${echoed}</pre></body></html>`);
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoBase = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
after(async () => {
  await sim?.close();
  await shortSim?.close();
  echo?.closeAllConnections();
  await new Promise((resolve) => echo?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Every form a secret could be written in: as is, upper- or lower-cased, XML-escaped, as numeric
 * character references, URL-encoded, JSON-escaped, base64 of it alone and of user:password.
 */
function forms(secret: string): Array<[string, string]> {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const references = (hex: boolean): string =>
    [...secret].map((ch) => `&#${hex ? 'x' : ''}${(ch.codePointAt(0) as number).toString(hex ? 16 : 10)};`).join('');
  return [
    ['as is', secret],
    ['upper-cased', secret.toUpperCase()],
    ['lower-cased', secret.toLowerCase()],
    ['as decimal character references', references(false)],
    ['as hexadecimal character references', references(true)],
    ['as base64 of the secret alone', Buffer.from(secret).toString('base64').replace(/=+$/, '')],
    ['XML-escaped', xml],
    ['URL-encoded', encodeURIComponent(secret)],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['as a Basic Authorization (base64 of user:password)', Buffer.from(`${USER}:${secret}`).toString('base64')],
  ];
}

/** Whether `text` holds `form`: anywhere for a distinctive secret, as a whole token for a short one. */
function find(text: string, form: string): number {
  if (form.length >= 8) return text.indexOf(form);
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).exec(text)?.index ?? -1;
}

const ALL_SECRETS = [PASSWORD, INTEGRATION_CODE, `${PASSWORD}x`, `${INTEGRATION_CODE}x`, SHORT_PASSWORD, SHORT_CODE];

function assertClean(what: string, text: string, secrets: readonly string[] = ALL_SECRETS): void {
  for (const secret of secrets) {
    for (const [how, form] of forms(secret)) {
      const at = find(text, form);
      assert.ok(at < 0, `${what} holds a secret ${how}, after: ${JSON.stringify(text.slice(Math.max(0, at - 80), at))}`);
    }
  }
}

/** Everything an error shows: message, stack, inspect (hidden properties too), JSON, its causes. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(String(e), String((e as { stack?: unknown }).stack), inspect(e, { depth: 8, showHidden: true }), JSON.stringify(e) ?? '');
  }
  return parts.join('\n');
}

/** Every string reachable from a value through own properties (enumerable or not, symbols too). */
function reachableStrings(start: unknown, limit = 500_000): string {
  const seen = new Set<unknown>();
  const out: string[] = [];
  const queue: unknown[] = [start];
  while (queue.length > 0 && seen.size < limit) {
    const value = queue.pop();
    if (typeof value === 'string') {
      out.push(value);
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) for (const [k, v] of value) queue.push(k, v);
    if (value instanceof Set) for (const v of value) queue.push(v);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) queue.push(descriptor.value);
    }
    queue.push(Object.getPrototypeOf(value));
  }
  return out.join('\n');
}

/** What any public object shows: console.log, inspect (also bypassing its own inspect), JSON, String. */
function objectText(value: unknown): string {
  return [
    format('%s %o', value, value),
    inspect(value, { depth: 8, showHidden: true }),
    inspect(value, { depth: 8, showHidden: true, customInspect: false, maxArrayLength: 20, maxStringLength: 200 }),
    JSON.stringify(value) ?? '',
    stringOf(value),
  ].join('\n');
}

/** String(value); a picklist proxy (null prototype) has no string form, which is no leak. */
function stringOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Runs a child process to its end; its exit code and output. */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

const failure = <T>(pending: Promise<T>): Promise<unknown> =>
  pending.then(
    () => undefined,
    (e: unknown) => e,
  );

/** A session of every kind of call, successes and failures; returns what it made public. */
async function session(at: Connection<'1.6'>): Promise<unknown[]> {
  const shown: unknown[] = [at];
  shown.push(await at.picklist('Ticket'));
  const cursor = at.query(new Query('Ticket').where('id', 'GreaterThan', 0));
  shown.push(cursor);
  const tickets = await cursor.fetchAll();
  shown.push(tickets.slice(0, 3));
  shown.push(await at.getFieldInfo('Account'));
  shown.push(await at.getThresholdAndUsageInfo());
  const fresh = at.new('Ticket', { Title: 'secrets test', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) });
  const creating = at.create([fresh]);
  shown.push(creating, fresh);
  shown.push(await creating.execute());
  return shown;
}
describe('secrets', { timeout: 240_000 }, () => {
  it('the whole tour, with support files, --debug and NODE_DEBUG on, prints and writes no secret', async () => {
    const home = mkdtempSync(join(dir, 'tour-'));
    const support = join(home, 'support');
    const child = spawn(process.execPath, ['--import', 'tsx', tour, '--support-files', support, '--debug'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      // Any temporary file lands in `home` and is checked too; tsx's compile cache is off, as it would
      // hold the simulator's source, defaults included.
      env: { ...process.env, NODE_DEBUG: 'http,https,net,tls', TMPDIR: home, TSX_DISABLE_CACHE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, `the tour failed:\n${stderr.slice(-2_000)}`);
    assert.match(stdout, /Done\./);
    // The logging really was on: support files of the whole tour, debug lines and Node's own lines.
    const written = filesUnder(support);
    assert.ok(written.length >= 40, `only ${written.length} support files`);
    assert.match(stderr, /^atws <- update #1 HTTP 200 \d+ bytes \d+ ms$/m);
    assert.match(stderr, /^HTTP \d+: /m);
    // The tour logs in with the simulator's defaults.
    const secrets = [SIMULATOR_DEFAULTS.password, SIMULATOR_DEFAULTS.integrationCode];
    assertClean("the tour's stdout", stdout, secrets);
    assertClean("the tour's stderr (--debug, NODE_DEBUG=http,https,net,tls)", stderr, secrets);
    assert.doesNotMatch(stdout + stderr, /authorization/i, 'an Authorization header is printed');
    for (const file of filesUnder(home)) assertClean(file, readFileSync(file, 'utf8'), secrets);
  });

  it('a whole session with distinctive secrets: no secret in any error, public object, support file or debug line', async () => {
    const support = join(dir, 'support');
    const lines: string[] = [];
    const login = {
      username: USER,
      password: PASSWORD,
      integrationCode: INTEGRATION_CODE,
      supportFilesPath: support,
      debug: (line: string) => void lines.push(line),
    };
    const at = await connect({ ...login, discoveryUrl: sim.asmxUrl('1.6'), impersonateAsResourceId: 29_682_885 });
    const shown = await session(at);
    const errors: unknown[] = [];
    // The API's own error, for a query whose value is the password: the answer quotes what it was sent.
    errors.push(await failure(at.query(new Query('Ticket').where('NoSuchUdf', 'Equals', PASSWORD, { udf: true })).fetchAll()));
    // Wrong password, wrong integration code: refused.
    for (const wrong of [{ password: `${PASSWORD}x` }, { integrationCode: `${INTEGRATION_CODE}x` }]) {
      const bad = await connect({ ...login, ...wrong, url: sim.asmxUrl('1.6'), retries: 0 });
      shown.push(bad);
      errors.push(await failure(bad.getWsdlVersion()));
      errors.push(await failure(bad.query(new Query('Ticket').where('id', 'Equals', 1)).fetchAll()));
      errors.push(
        await failure(
          bad.create([bad.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) })]).execute(),
        ),
      );
      bad.close();
    }
    // Servers that echo the request, its headers and the decoded login: an HTML 500 page and a SOAP fault.
    for (const path of ['html', 'fault']) {
      const echoed = await connect({ ...login, url: `${echoBase}/${path}/atservices/1.6/atws.asmx`, retries: 1, retryBaseDelayMs: 1 });
      shown.push(echoed);
      errors.push(await failure(echoed.getWsdlVersion()));
      errors.push(await failure(echoed.query(new Query('Ticket').where('id', 'Equals', 1)).fetchAll()));
      errors.push(
        await failure(
          echoed
            .create([echoed.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) })])
            .execute(),
        ),
      );
      errors.push(await failure(echoed.getFieldInfo('Ticket')));
      echoed.close();
    }
    // Discovery answered by the echo page.
    errors.push(await failure(connect({ ...login, discoveryUrl: `${echoBase}/html/atservices/1.6/atws.asmx`, retries: 0 })));
    // Bad options quote what was given, never a secret in it.
    errors.push(await failure(connect({ ...login, url: `https://${USER}:${PASSWORD}@` })));
    at.close();

    const failures = errors.filter((e) => e !== undefined);
    assert.equal(failures.length, errors.length, 'every failure failed');
    // The echo really quoted the secrets back (else this test could not fail).
    const echoError = failures.find((e) => e instanceof TransportError && /unexpected HTTP 500/.test(e.message)) as TransportError | undefined;
    assert.ok(
      echoError !== undefined && /pw \[REDACTED\] enc \[REDACTED\] token \[REDACTED\] code \[REDACTED\]/.test(echoError.details.bodyStart ?? ''),
      echoError?.details.bodyStart,
    );
    for (const error of failures) assertClean(`error ${String(error).slice(0, 120)}`, errorText(error));
    for (const value of shown) assertClean(`inspect of ${inspect(value).slice(0, 80)}`, objectText(value));
    assertClean('a property walk of the connection', reachableStrings(at));
    assert.match(format('%s', at), /user: 'api-user@sim\.example'/);
    assert.ok(lines.length > 20, `only ${lines.length} debug lines`);
    assertClean('the debug lines', lines.join('\n'));
    const files = filesUnder(support);
    assert.ok(files.length >= 20, `only ${files.length} support files`);
    for (const file of files) assertClean(file, readFileSync(file, 'utf8'));
    // The echoes in every form were received whole (the support files hold the whole page), and redacted.
    const pages = files.map((file) => readFileSync(file, 'utf8')).filter((text) => text.includes('<pre>pw ['));
    assert.ok(pages.length > 0);
    for (const page of pages) assert.match(page, /dec \[REDACTED\] hex \[REDACTED\] b64 \[REDACTED\] up \[REDACTED\] low \[REDACTED\]/);
  });

  it('an error quoting the start of an answer redacts before it cuts: a password across the cut shows no character', async () => {
    const login = { username: USER, password: PASSWORD, integrationCode: INTEGRATION_CODE, retries: 0 };
    for (const path of ['straddle-html', 'straddle-xml']) {
      const at = await connect({ ...login, url: `${echoBase}/${path}/atservices/1.6/atws.asmx` });
      const error = await failure(at.getWsdlVersion());
      at.close();
      assert.ok(error instanceof TransportError, String(error));
      assert.match(error.details.bodyStart ?? '', /x{200}/);
      for (const text of [error.message, error.details.bodyStart ?? '']) {
        assert.ok(!text.includes(PASSWORD.slice(0, 3)), `${path}: the quote shows the password's start: ${text.slice(-40)}`);
      }
    }
  });

  it('a two-character password is redacted as a whole token: nowhere as a token, and ordinary text intact', async () => {
    const support = join(dir, 'support-short');
    const lines: string[] = [];
    const login = {
      username: USER,
      password: SHORT_PASSWORD,
      integrationCode: SHORT_CODE,
      supportFilesPath: support,
      debug: (line: string) => void lines.push(line),
    };
    const at = await connect({ ...login, url: shortSim.asmxUrl('1.6') });
    const shown = await session(at);
    const echoed = await connect({ ...login, url: `${echoBase}/html/atservices/1.6/atws.asmx`, retries: 1, retryBaseDelayMs: 1 });
    const error = await failure(echoed.getWsdlVersion());
    assert.ok(error instanceof TransportError);
    assert.match(error.message, /pw \[REDACTED\] enc \[REDACTED\]/);
    assertClean('the echo error', errorText(error));
    for (const value of [...shown, echoed]) assertClean(`inspect of ${inspect(value).slice(0, 80)}`, objectText(value));
    assertClean('the debug lines', lines.join('\n'));
    // Redaction by token leaves words holding the letters alone.
    assert.match(lines.join('\n'), /POST http:\/\/127\.0\.0\.1:\d+\/atservices\/1\.6\/atws\.asmx/);
    assert.match(lines.join('\n'), /atws retry GetWsdlVersion #2 in \d+ ms after TransportError: GetWsdlVersion: unexpected HTTP 500 answer/);
    for (const file of filesUnder(support)) assertClean(file, readFileSync(file, 'utf8'));
    echoed.close();
    at.close();
  });

  it('a password that is a word (http, Ticket) is redacted where it stands as a credential only: messages stay whole and nothing is revealed by context', async () => {
    const code = 'WORD-LOGIN-CODE-33';
    for (const word of ['http', 'Ticket']) {
      const wordSim = await startSimulator({ tickets: 5, password: word, integrationCode: code });
      try {
        const lines: string[] = [];
        const at = await connect({
          username: USER,
          password: word,
          integrationCode: code,
          url: wordSim.asmxUrl('1.6'),
          debug: (line) => void lines.push(line),
        });
        await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
        const apiError = await failure(at.query(new Query('Ticket').where('NoSuchUdf', 'Equals', 'x', { udf: true })).fetchAll());
        at.close();
        const echoed = await connect({
          username: USER,
          password: word,
          integrationCode: code,
          url: `${echoBase}/html/atservices/1.6/atws.asmx`,
          retries: 0,
        });
        const echoError = await failure(echoed.getWsdlVersion());
        echoed.close();
        // The client's own wording is whole: no [REDACTED] where the word stands in it.
        const own = [...lines, String(apiError)].join('\n');
        assert.doesNotMatch(own, /REDACTED/, own);
        assert.match(lines.join('\n'), /^atws -> query #1 POST http:\/\/127\.0\.0\.1:\d+\/atservices\/1\.6\/atws\.asmx/m);
        assert.match(String(apiError), /Ticket/);
        // Where it stands as a credential, it is redacted in every form.
        assert.ok(echoError instanceof TransportError, String(echoError));
        assert.match(echoError.message, /pw \[REDACTED\] enc /);
        const shown = errorText(echoError);
        for (const form of [`pw ${word}`, `${USER}:${word}`, basicToken(USER, word).replace(/=+$/, ''), code]) {
          assert.ok(!shown.toLowerCase().includes(form.toLowerCase()), `${word}: the echo error shows ${form}`);
        }
      } finally {
        await wordSim.close();
      }
    }
  });

  it('the CLI prints no secret: atws query against the simulator (ATWS_DEBUG on) and against an echoing server, secrets from flags or environment', async () => {
    const env = { ATWS_USERNAME: USER, ATWS_PASSWORD: PASSWORD, ATWS_INTEGRATION_CODE: INTEGRATION_CODE, ATWS_DEBUG: '1', TSX_DISABLE_CACHE: '1' };
    const ok = await run([cli, 'query', 'Ticket', '--where', 'id LessThan 30', '--format', 'csv', '--url', sim.asmxUrl('1.6')], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /^atws <- query #1 HTTP 200/m);
    assertClean('atws query stdout', ok.stdout);
    assertClean('atws query stderr', ok.stderr);
    // The HTML echo with the secrets in the environment, the SOAP-fault echo with them as flags.
    const html = await run([cli, 'query', 'Ticket', '--url', `${echoBase}/html/atservices/1.6/atws.asmx`], env);
    const fault = await run(
      [
        cli,
        'query',
        'Ticket',
        '--url',
        `${echoBase}/fault/atservices/1.6/atws.asmx`,
        '--username',
        USER,
        `--password=${PASSWORD}`,
        '--integration-code',
        INTEGRATION_CODE,
      ],
      { ATWS_DEBUG: '1', TSX_DISABLE_CACHE: '1' },
    );
    // The first call fails: getUDFInfo (JSON output lists every UDF) or query.
    for (const [what, result, expected] of [
      ['html, secrets from the environment', html, /TransportError: (getUDFInfo|query): unexpected HTTP 500 answer/],
      ['fault, secrets as flags', fault, /ApiError: (getUDFInfo|query): SOAP fault/],
    ] as const) {
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, expected);
      assertClean(`atws query (${what}) output`, result.stdout + result.stderr);
    }
  });

  it("the CLI's own usage errors print no secret: a misspelt --pasword=... or --integraton-code=..., secrets nowhere else", async () => {
    for (const args of [
      ['query', 'Ticket', `--pasword=${PASSWORD}`, '--username', USER],
      ['query', 'Ticket', '--username', USER, `--integraton-code=${INTEGRATION_CODE}`],
      ['query', 'Ticket', `--passwd=Ticket`],
      ['codegen', 'pull', '--url', 'https://example.com/ATServices/1.6/atws.asmx', `--pasword=${PASSWORD}`],
    ]) {
      const result = await run([cli, ...args], { ATWS_PASSWORD: '', ATWS_INTEGRATION_CODE: '', ATWS_USERNAME: '', TSX_DISABLE_CACHE: '1' });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^UsageError: unknown option '--[a-z-]+=\[REDACTED\]'/m);
      assertClean(`atws ${args.join(' ')}`, result.stdout + result.stderr);
      assert.ok(!/=Ticket\b/.test(result.stderr), result.stderr);
    }
  });

  it('TLS: a self-signed certificate is refused unless insecureSkipTlsVerify is set', async () => {
    const front = await startTlsFront(sim.url);
    const url = front.asmxUrl;
    try {
      const login = { username: USER, password: PASSWORD, integrationCode: INTEGRATION_CODE, url, retries: 0 };
      const strict = await connect(login);
      const refused = await strict.getWsdlVersion().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(refused instanceof TransportError, `expected a TransportError, got ${String(refused)}`);
      assert.match(refused.message, /self[- ]signed certificate/i);
      strict.close();
      const insecure = await connect({ ...login, insecureSkipTlsVerify: true });
      assert.match(await insecure.getWsdlVersion(), /\d/);
      insecure.close();
    } finally {
      await front.close();
    }
  });
});
