import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../support/shared.js';

/** A line of the banner npm writes before running a script: blank, or "> " and the package or the command. */
function isNpmBanner(line: string): boolean {
  return line === '' || line.startsWith('> ');
}

// `npm run sim` as a user or a script runs it: npm forwards SIGINT/SIGTERM to the script's shell
// only, so unless the script execs node the simulator never sees the signal (SIGINT hangs; SIGTERM
// kills the shell, npm exits 143 and the simulator lives on as an orphan).
function runNpmSim(
  signal: 'SIGINT' | 'SIGTERM',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; firstOwnLine: string; served: number }> {
  const child = spawn('npm', ['run', 'sim', '--', '--port', '0', '--tickets', '10'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a failed run can be cleaned up whole
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let firstOwnLine = '';
    let served = 0;
    const hang = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`npm run sim did not exit within 30 s of ${signal}; stderr: ${stderr}`));
    }, 30_000);
    // npm prints its banner on stdout first (a blank line, then "> atws@x sim" and "> exec node ..."):
    // npm is not silenced (a silent npm hides failed installs). The first line after it is the simulator's.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (firstOwnLine !== '' || isNpmBanner(line)) return;
      firstOwnLine = line;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      if (url === undefined) return;
      void fetch(`${url}/atservices/1.6/atws.wsdl`)
        .then((r) => ((served = r.status), r.text()))
        .finally(() => child.kill(signal));
    });
    child.on('exit', (code, sig) => {
      clearTimeout(hang);
      // An orphaned simulator (the failure this test exists for) must not outlive the test.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is already gone: the expected case
        }
      }
      resolve({ code, signal: sig, firstOwnLine, served });
    });
  });
}

describe('npm run sim', () => {
  it("npm -s run sim prints the URLs (SOAP and REST) as the very first line (npm's banner off for scripts reading it)", async () => {
    const child = spawn('npm', ['-s', 'run', 'sim', '--', '--port', '0', '--tickets', '1'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    assert.match(first, /^ATWS simulator listening on http:\/\/127\.0\.0\.1:\d+/);
    // The REST base URL beside the SOAP one, as zoneInformation answers it.
    assert.match(first, /; REST: http:\/\/127\.0\.0\.1:\d+\/ATServicesRest\/\)$/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints the URL as the first line on stdout, serves, and exits 0 on ${signal} sent to npm`, async () => {
      const { code, signal: killedBy, firstOwnLine, served } = await runNpmSim(signal);
      assert.match(firstOwnLine, /^ATWS simulator listening on http:\/\/127\.0\.0\.1:\d+/);
      assert.equal(served, 200);
      assert.equal(killedBy, null);
      assert.equal(code, 0);
    });
  }
});
