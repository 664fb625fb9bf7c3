/**
 * `atws query` as a user runs it after `npm install atws @atws/simulator`: the built bin
 * (test/support/built-bin.ts) in a real process, against its embedded simulator (`--sim`), its
 * exit status and both streams.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { builtAtwsBin } from '../../support/built-bin.js';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

let bin: string;
before(async () => {
  bin = await builtAtwsBin();
}, { timeout: 600_000 });

/** `atws <args>` with a clean ATWS_* environment. */
function atws(args: readonly string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ATWS_') && k !== 'TSX_TSCONFIG_PATH'));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

const sim = (...args: string[]): Promise<Run> => atws(['query', 'Ticket', '--sim', '--sim-tickets', '30', ...args]);

describe('atws query values', () => {
  it('takes a value with spaces quoted, unquoted, or with a quote doubled inside', async () => {
    const [single, double, bare, doubled, unclosed] = await Promise.all([
      sim('--where', "Title Equals 'Printer offline #26'", '--format', 'csv', '--fields', 'id,Title'),
      sim('--where', 'Title Equals "Printer offline #26"', '--format', 'csv', '--fields', 'id,Title'),
      sim('--where', 'Title Equals Printer offline #26', '--format', 'csv', '--fields', 'id,Title'),
      sim('--where', "Title Contains 'offline #2'", '--where', "Title NotEqual 'it''s'", '--format', 'csv', '--fields', 'id'),
      sim('--where', "Title Equals 'Printer offline #26"),
    ]);
    for (const run of [single, double, bare]) {
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, 'id,Title\r\n26,Printer offline #26\r\n');
    }
    assert.equal(doubled.status, 0, doubled.stderr);
    assert.equal(doubled.stdout, 'id\r\n26\r\n');
    assert.equal(unclosed.status, 1);
    assert.match(unclosed.stderr, /^UsageError: --where "Title Equals 'Printer offline #26": the value opens with ' but does not close/);
  });
});
