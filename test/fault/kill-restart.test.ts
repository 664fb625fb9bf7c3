/**
 * `atws sim --db FILE` killed with SIGKILL while creates are in flight, then started again on the
 * same file: every ticket the client saw created is there, once. The simulator claims synchronous
 * SQLite writes before it answers; this is the test of that claim, through the real CLI.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../runtime/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';
import { connectTo } from '../integration/client/sim-connect.js';
import { known } from '../support/known-value.js';

const bin = fileURLToPath(new URL('../../runtime/cli/atws.ts', import.meta.url));
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'atws-kill-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface SimProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<NodeJS.Signals | number | null>;
}

async function startSim(args: string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'sim', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atws sim printed no URL within 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      if (found) resolve(found);
      else reject(new Error(`first stdout line has no URL: ${line}`));
    });
    void exited.then((code) => reject(new Error(`atws sim exited (${String(code)}) before listening: ${stderr}`)));
  });
  return { child, url, exited };
}

test('SIGKILL in the middle of creates: after a restart, every ticket seen created is stored once', { timeout: 60_000 }, async () => {
  const db = join(dir, 'tenant.db');
  const first = await startSim(['--db', db, '--tickets', '10']);
  const at = await connectTo(first.url, { concurrency: 2, timeoutMs: 5_000 });
  const run = `kill-${Date.now()}`;
  const inputs = Array.from({ length: 4_000 }, (_, i) =>
    at.new('Ticket', { Title: `${run} #${i}`, AccountID: 0, DueDateTime: new Date('2025-05-05T14:00:00Z'), Priority: known(3), Status: known(1) }),
  );
  const seen: Ticket[] = [];
  let killed = false;
  let error: unknown;
  try {
    for await (const ticket of at.create(inputs)) {
      seen.push(ticket);
      // Kill once some packets are answered and others are certainly in flight.
      if (!killed && seen.length >= 600) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    }
  } catch (e) {
    error = e;
  }
  at.close();
  assert.equal(await first.exited, 'SIGKILL');
  assert.ok(killed, 'the creates finished before the kill');
  assert.ok(error instanceof ApiError, `the action ends with an ApiError accounting for the entities, got ${String(error)}`);
  assert.ok(seen.length >= 600 && seen.length < 4_000, `${seen.length} seen created`);

  const second = await startSim(['--db', db, '--tickets', '10']);
  try {
    const again = await connectTo(second.url);
    const stored = await again
      .fetchByIds(
        'Ticket',
        seen.map((t) => t.id as number),
      )
      .fetchAll();
    const byId = new Map(stored.map((t) => [t.id, t.Title]));
    const lost = seen.filter((t) => byId.get(t.id as number) !== t.Title);
    assert.deepEqual(
      lost.map((t) => `${t.id}: ${t.Title}`),
      [],
      `${lost.length} tickets seen created are gone or changed after the restart`,
    );
    const all = await again
      .fetchByIds(
        'Ticket',
        Array.from({ length: 4_100 }, (_, i) => i + 1),
      )
      .fetchAll();
    const titles = all.map((t) => t.Title).filter((t) => t?.startsWith(run));
    assert.equal(new Set(titles).size, titles.length, 'a ticket was created twice');
    console.log(`SIGKILL after ${seen.length} seen created; ${titles.length} stored after the restart`);
    again.close();
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});
