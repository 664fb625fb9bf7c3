/**
 * What the `atws` commands say when something is wrong, as a user sees it: the built bin
 * (test/support/built-bin.ts) in a real process against a simulator over HTTP. The same failure
 * gets the same error and words from every command.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { builtAtwsBin } from '../../support/built-bin.js';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

let bin: string;
let sim: RunningSimulator;
let cwd: string;
before(async () => {
  bin = await builtAtwsBin();
  sim = await startSimulator({ tickets: 5 });
  cwd = mkdtempSync(join(tmpdir(), 'atws-errors-'));
}, { timeout: 600_000 });
after(async () => {
  await sim?.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** `atws <args>` in a scratch folder, with a clean ATWS_* environment plus `env`. */
function atws(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ATWS_') && k !== 'TSX_TSCONFIG_PATH'));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

describe('the same failure, the same words', () => {
  it('a wrong password: codegen pull and query both say AuthenticationError ... refused the credentials (HTTP 401)', async () => {
    const login = { ATWS_PASSWORD: 'not-the-password', ATWS_INTEGRATION_CODE: sim.options.integrationCode };
    const flags = ['--url', sim.asmxUrl('1.6'), '--username', sim.options.username];
    const [pull, query] = await Promise.all([atws(['codegen', 'pull', ...flags], login), atws(['query', 'Ticket', ...flags], login)]);
    const refused = /^AuthenticationError: \w+: Autotask refused the credentials of user "api-user@sim\.example" \(HTTP 401\)$/m;
    for (const run of [pull, query]) {
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, refused);
      assert.doesNotMatch(run.stderr, /Cannot parse response|not-the-password/);
    }
  });
});
