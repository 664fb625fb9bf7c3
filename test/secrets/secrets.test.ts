/**
 * Secrets never leave the process: the whole tour, writing support files, with its own debug lines and
 * Node's debug logging on, prints and writes neither the password nor the integration code (nor the
 * Basic token made of them); a connection writing support files (failures included)
 * writes neither; errors carry neither. TLS certificates are checked unless the documented
 * `insecureSkipTlsVerify` says otherwise (tested against a self-signed certificate made here).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator } from '../../runtime/simulator/index.js';
import { ApiError, connect, Query, TransportError } from '../../runtime/index.js';
import { outcomeOf } from '../fault/action-outcome.js';
import { startTlsFront } from '../integration/client/self-signed.js';

const tour = fileURLToPath(new URL('../../runtime/tour/tour.ts', import.meta.url));
// Secrets with characters XML and URLs escape, so that an escaped copy would be caught too.
const PASSWORD = 'Pa$$w0rd&<secret>"42"';
const INTEGRATION_CODE = 'INTEGRATION-CODE-7F3A&<x>';

let dir: string;
let sim: RunningSimulator;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atws-secrets-'));
  sim = await startSimulator({ tickets: 600, password: PASSWORD, integrationCode: INTEGRATION_CODE });
});
after(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every form a secret could be written in: as is, XML-escaped, URL-encoded, base64 of user:password. */
function forms(secret: string): Array<[string, string]> {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [
    ['as is', secret],
    ['XML-escaped', xml],
    ['URL-encoded', encodeURIComponent(secret)],
    ['as a Basic Authorization (base64 of user:password)', Buffer.from(`${SIMULATOR_DEFAULTS.username}:${secret}`).toString('base64')],
  ];
}

function assertClean(what: string, text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const [how, form] of forms(secret)) {
      const at = text.indexOf(form);
      assert.ok(at < 0, `${what} holds a secret ${how}, in: ${JSON.stringify(text.slice(Math.max(0, at - 60), at).replace(form, '***'))}`);
    }
  }
}

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('secrets', { timeout: 60_000 }, () => {
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

  it('support files of a whole session, failures included, hold no secret; errors carry none', async () => {
    const support = join(dir, 'support');
    const login = { username: SIMULATOR_DEFAULTS.username, password: PASSWORD, integrationCode: INTEGRATION_CODE };
    const at = await connect({ ...login, discoveryUrl: sim.asmxUrl('1.6'), supportFilesPath: support, impersonateAsResourceId: 29_682_885 });
    const errors: unknown[] = [];
    await at.picklist('Ticket');
    await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchAll();
    await at.getFieldInfo('Account');
    await at.getThresholdAndUsageInfo();
    await at.getInvoiceMarkup(1, 'xml');
    const created = await outcomeOf(at.create([at.new('Ticket', { Title: PASSWORD, AccountID: 0, DueDateTime: new Date(), Priority: 1, Status: 1 })]));
    errors.push(created.error);
    errors.push(await at.query(new Query('Ticket').where('NoSuchUdf', 'Equals', PASSWORD, { udf: true })).fetchAll().catch((e: unknown) => e));
    at.close();
    // Wrong password, wrong integration code: refused, with nothing secret in the error or the files.
    for (const wrong of [{ password: `${PASSWORD}x` }, { integrationCode: `${INTEGRATION_CODE}x` }]) {
      const bad = await connect({ ...login, ...wrong, url: sim.asmxUrl('1.6'), supportFilesPath: support, retries: 0 });
      errors.push(await bad.getWsdlVersion().then(() => undefined, (e: unknown) => e));
      errors.push(await bad.query(new Query('Ticket').where('id', 'Equals', 1)).fetchAll().then(() => undefined, (e: unknown) => e));
      bad.close();
    }
    const files = filesUnder(support);
    assert.ok(files.length >= 10, `only ${files.length} support files`);
    const secrets = [PASSWORD, INTEGRATION_CODE, `${PASSWORD}x`, `${INTEGRATION_CODE}x`];
    // The ticket titled with the password is data the user chose to send; only the headers count there.
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assertClean(file, text.replace(/<Title[^>]*>[^<]*<\/Title>/g, '').replace(/<Value>[^<]*<\/Value>/g, '').replace(/"[^"]*NoSuchUdf[^"]*"/g, ''), secrets);
      assert.doesNotMatch(text, /Authorization: Basic/i, `${file} holds an Authorization header`);
    }
    assert.ok(errors.filter(Boolean).length >= 4, 'the failures failed');
    for (const error of errors.filter((e) => e !== undefined)) {
      const text = `${String(error)} ${inspect(error, { depth: 6 })} ${JSON.stringify(error)}`;
      assertClean(`error ${String(error)}`, text.replace(/Title: '[^']*'/g, '').replace(/"[^"]*"/g, ''), [INTEGRATION_CODE, `${INTEGRATION_CODE}x`]);
      assert.ok(!inspect(error, { depth: 6 }).includes(Buffer.from(`${SIMULATOR_DEFAULTS.username}:${PASSWORD}`).toString('base64')));
      if (error instanceof ApiError || error instanceof TransportError) assert.ok(!error.message.includes(PASSWORD) || error.message.includes('Title'));
    }
  });

  it('TLS: a self-signed certificate is refused unless insecureSkipTlsVerify is set', async () => {
    const front = await startTlsFront(sim.url);
    const url = front.asmxUrl;
    try {
      const login = { username: SIMULATOR_DEFAULTS.username, password: PASSWORD, integrationCode: INTEGRATION_CODE, url, retries: 0 };
      const strict = await connect(login);
      const refused = await strict.getWsdlVersion().then(() => undefined, (e: unknown) => e);
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
