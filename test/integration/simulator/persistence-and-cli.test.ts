import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerSimCommand } from '../../../simulator/cli.js';
import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator } from '../../../simulator/index.js';
import { basicAuth, envelope, entity, ids, storedEntity, integrationHeader, mutate, NS, qx, f, query } from './soap-helpers.js';

// The real bin, as `atws sim` and `npm run sim` run it.
const cliScript = fileURLToPath(new URL('../../../runtime/cli/atws.ts', import.meta.url));
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'atws-sim-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ticket = (title: string) =>
  entity('Ticket', { Title: title, AccountID: 0, DueDateTime: '2025-02-03T10:30:00.25', Priority: 3, Status: 1 }, { 'Asset Tag': 'AT-1' });

function startCli(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cliScript, 'sim', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const url = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      if (found) resolve(found);
      else reject(new Error(`first stdout line has no URL: ${line}`));
    });
    void exit.then(({ code, stderr: err }) => reject(new Error(`sim exited (${code}) before printing its URL: ${err}`)));
  });
  return { child, url, exit };
}

describe('simulator persistence (--db) and the sim command', () => {
  it('keeps the tenant in SQLite across restarts and does not reseed an existing file', async () => {
    const db = join(dir, 'tenant.db');
    let sim: RunningSimulator = await startSimulator({ db, tickets: 30 });
    assert.equal(sim.seeded, true);
    const created = await mutate(sim, 'create', [ticket('persisted')]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const id = ids(created)[0] as number;
    await mutate(sim, 'update', [storedEntity(sim, 'Ticket', 2, { Title: 'changed title' })]);
    await sim.close();

    sim = await startSimulator({ db, tickets: 500 });
    try {
      assert.equal(sim.seeded, false);
      assert.equal(sim.store.count('Ticket'), 31);
      const stored = sim.store.get('Ticket', id);
      assert.equal(stored?.values['Title'], 'persisted');
      assert.equal((stored?.values['DueDateTime'] as Date).toISOString(), '2025-02-03T15:30:00.250Z');
      assert.equal(stored?.udfs?.get('Asset Tag'), 'AT-1');
      assert.equal(sim.store.get('Ticket', 2)?.values['Title'], 'changed title');
      const next = await mutate(sim, 'create', [ticket('after restart')]);
      assert.equal(ids(next)[0], id + 1);
      assert.deepEqual(ids(await query(sim, qx('Ticket', f('Title', 'Equals', 'persisted')))), [id]);
    } finally {
      await sim.close();
    }
  });

  it('refuses a file that is not a simulator database, naming it', async () => {
    const bad = join(dir, 'not-a-db.txt');
    writeFileSync(bad, 'plain text, not SQLite '.repeat(20));
    await assert.rejects(startSimulator({ db: bad }), /Cannot use .*not-a-db\.txt as a simulator database/);
    await assert.rejects(startSimulator({ db: join(dir, 'missing', 'x.db') }), /Cannot use .*x\.db as a simulator database/);
  });

  it('prints the URL first, serves, and on SIGTERM exits 0 having lost nothing it answered as saved', async () => {
    const db = join(dir, 'cli.db');
    const { child, url, exit } = startCli(['--port', '0', '--db', db, '--tickets', '20']);
    const base = await url;
    const response = await fetch(`${base}/atservices/1.6/atws.asmx`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', Authorization: basicAuth() },
      body: envelope(`<create xmlns="${NS['1.6']}"><Entities>${ticket('saved before SIGTERM')}</Entities></create>`, integrationHeader()),
    });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<ReturnCode>1<\/ReturnCode>/);
    child.kill('SIGTERM');
    const { code, stderr } = await exit;
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, new RegExp(SIMULATOR_DEFAULTS.password));
    const sim = await startSimulator({ db });
    try {
      assert.deepEqual(ids(await query(sim, qx('Ticket', f('Title', 'Equals', 'saved before SIGTERM')))).length, 1);
    } finally {
      await sim.close();
    }
  });

  it('refuses bad options with a message naming them', async () => {
    const cases = [
      [['--port', 'abc'], /--port must be an integer/],
      [['--faults', 'reset=7'], /between 0 and 1/],
      [['--threshold', '0'], /--threshold must be an integer from 1/],
      [['--tickets', '-3'], /--tickets must be an integer/],
    ] as const;
    for (const [args, message] of cases) {
      let output = '';
      const program = new Command('atws').exitOverride().configureOutput({ writeErr: (text) => (output += text), writeOut: () => undefined });
      registerSimCommand(program);
      await assert.rejects(program.parseAsync(['sim', ...args], { from: 'user' }), CommanderError);
      assert.match(output, message);
    }
  });
});
