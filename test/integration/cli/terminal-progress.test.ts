// The progress lines as a user sees them on a real terminal: the commands run under a pseudo-
// terminal (util-linux `script`), so stderr is a TTY as it is in a shell. `codegen pull` redraws
// one line counting the entities done, and `query` one counting the entities so far; neither shows
// a secret. (The pipe forms are tested in user-project.test.ts and atws-command.test.ts.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { projectRoot, skipUnless } from '../../support/shared.js';
import { builtAtwsBin } from '../../support/built-bin.js';

const TSX = import.meta.resolve('tsx');
const ATWS = join(projectRoot, 'runtime', 'cli', 'atws.ts');
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs `atws <args>` on a pseudo-terminal; everything it wrote (stdout and stderr, as the terminal
 * got it). Asynchronous: the simulator answering it runs in this process.
 */
function onTerminal(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; screen: string }> {
  const command = [process.execPath, '--import', TSX, ATWS, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    child.on('close', (status) => resolve({ status, screen }));
  });
}

/**
 * Runs the built `atws` bin on a pseudo-terminal and types Ctrl-C (which the terminal turns into
 * SIGINT for the command) as soon as the screen matches `when`.
 */
function interruptedOnTerminal(bin: string, args: readonly string[], when: RegExp): Promise<{ status: number | null; screen: string }> {
  const command = [process.execPath, bin, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { ...process.env, TSX_TSCONFIG_PATH: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let typed = false;
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      if (!typed && when.test(screen)) {
        typed = true;
        child.stdin.write('\x03');
      }
    });
    child.on('close', (status) => resolve({ status, screen }));
  });
}

describe('Ctrl-C on a terminal', { skip: skipUnless(hasScript, 'util-linux script (a pseudo-terminal)') }, () => {
  let bin: string;
  before(
    async () => {
      bin = await builtAtwsBin();
    },
    { timeout: 600_000 },
  );

  it('atws query clears its progress line and completes the JSON array before it stops', async () => {
    const { status, screen } = await interruptedOnTerminal(
      bin,
      ['query', 'Ticket', '--sim', '--sim-tickets', '100000', '--fields', 'id'],
      /Ticket so far/,
    );
    assert.equal(status, 130, screen.slice(-400));
    const progress = screen.lastIndexOf(' Ticket so far, ');
    assert.ok(progress > 0, 'the progress line was shown');
    assert.ok(screen.indexOf('\r\x1b[K', progress) > progress, 'and cleared after its last redraw');
    // The JSON on screen: the rows so far, then the closing bracket, then the note on stderr.
    // (Progress redraws and the terminal's echo of Ctrl-C, "^C", taken out.)
    const json = screen
      .slice(0, screen.indexOf('atws query: interrupted'))
      .replace(/\r[^\n]*?\x1b\[K/g, '')
      .replaceAll('^C', '')
      .replace(/\r/g, '');
    const rows = JSON.parse(json) as Array<{ id: number }>;
    assert.ok(rows.length > 0 && rows.length < 100_000, String(rows.length));
    assert.deepEqual(rows.slice(0, 3), [{ id: 1 }, { id: 2 }, { id: 3 }]);
    // The count names every row written: ids 1..N. (The terminal itself may drop a
    // few rows that were still in its output queue when Ctrl-C was typed: a tty flushes its queue
    // on an interrupt character, so the screen can lack them though the process wrote them.)
    const told = /atws query: interrupted after ([\d,]+) Ticket\r?\n/.exec(screen);
    assert.ok(told !== null, 'the interruption is reported');
    const written = Number((told[1] as string).replaceAll(',', ''));
    assert.ok(
      (rows[rows.length - 1]?.id ?? 0) <= written && written <= (rows[rows.length - 1]?.id ?? 0) + 500,
      `counted ${written}, the last row on screen ${rows[rows.length - 1]?.id}`,
    );
    assert.ok(
      rows.every((r, i) => i === 0 || r.id > (rows[i - 1] as { id: number }).id),
      'rows in order, none twice',
    );
    // The first line came 250 ms in, its rate over that time: never "1 Ticket so far".
    assert.doesNotMatch(screen, /\r1 Ticket so far/);
  });
});

describe('progress on a terminal', { skip: skipUnless(hasScript, 'util-linux script (a pseudo-terminal)') }, () => {
  let sim: RunningSimulator;
  let cwd: string;
  before(async () => {
    sim = await startSimulator({ tickets: 1200 });
    cwd = mkdtempSync(join(tmpdir(), 'atws-terminal-'));
  });
  after(async () => {
    await sim.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('codegen pull redraws one line of entities done, then clears it', async () => {
    const { username, password, integrationCode } = sim.options;
    const { status, screen } = await onTerminal(cwd, ['codegen', 'pull', '--url', sim.asmxUrl('1.6'), '--username', username], {
      ATWS_PASSWORD: password,
      ATWS_INTEGRATION_CODE: integrationCode,
    });
    assert.equal(status, 0, screen);
    const redraws = screen.match(/\ratws codegen pull: fields: \d+ of 167 entities done/g) ?? [];
    assert.ok(redraws.length >= 2, `a line redrawn in place, got: ${JSON.stringify(screen.slice(0, 400))}`);
    assert.match(screen, /fields: 167 of 167 entities done/);
    // One line, not a line per entity: no newline between two counts.
    assert.doesNotMatch(screen, /entities done\r?\n[^\n]*entities done/);
    assert.match(screen, /wrote atws\/1\.6 \(167 entities, 0 disagreements\)/);
    for (const secret of [password, integrationCode]) assert.equal(screen.includes(secret), false);
  });

  it('query shows a count of the entities so far, then clears it', async () => {
    // The first progress line comes 250 ms after the first result: 200 ms a request keeps the
    // three pages streaming past that on any machine.
    const slow = await startSimulator({ tickets: 1200, latencyMs: 200 });
    const { username, password, integrationCode } = slow.options;
    const { status, screen } = await onTerminal(
      cwd,
      ['query', 'Ticket', '--format', 'csv', '--fields', 'id', '--url', slow.asmxUrl('1.6'), '--username', username],
      {
        ATWS_PASSWORD: password,
        ATWS_INTEGRATION_CODE: integrationCode,
      },
    ).finally(() => slow.close());
    assert.equal(status, 0, screen.slice(-400));
    assert.match(screen, /\r[\d,]+ Ticket so far, [\d,]+\/s\x1b\[K/, 'a count, redrawn in place');
    assert.match(screen, /\r\x1b\[K/, 'and cleared at the end');
    assert.match(screen, /\n1200\r/, 'the rows themselves (CSV lines end CRLF; the terminal adds its own CR)');
    for (const secret of [password, integrationCode]) assert.equal(screen.includes(secret), false);
  });
});
