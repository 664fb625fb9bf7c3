/**
 * The `atws` command as a user runs it: a real process, its exit status and its two streams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { projectRoot } from '../../support/shared.js';

// A module hook that refuses code generation (ts-morph) and the simulator: what `atws --help`
// and `atws query` may not load at start (start-up time is measured in bench/, not here).
const REFUSE_HEAVY =
  'data:text/javascript,' +
  encodeURIComponent(
    `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) {
  if (s === 'ts-morph' || /simulator\\\\/(cli|index)\\\\.js$/.test(s)) throw new Error('loaded at start: ' + s);
  return next(s, c);
}\`));`,
  );

function atws(args: readonly string[], options: { refuseHeavy?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const node = [...(options.refuseHeavy ? ['--import', REFUSE_HEAVY] : []), '--import', 'tsx', 'runtime/cli/atws.ts'];
  return spawnSync(process.execPath, [...node, ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...options.env } });
}

test('atws --version prints the package version', () => {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const result = atws([flag]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${version}\n`);
  }
});

test('atws --help and atws query start without loading code generation or the simulator', () => {
  const help = atws(['--help'], { refuseHeavy: true });
  assert.equal(help.status, 0, help.stderr);
  for (const command of ['codegen', 'sim', 'query']) assert.match(help.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
  const query = atws(['query', 'Ticket'], { refuseHeavy: true, env: { ATWS_USERNAME: '', ATWS_PASSWORD: '' } });
  assert.equal(query.status, 1);
  assert.match(query.stderr, /give --username and --password/);
  // The subcommands still load when named.
  const sim = atws(['sim', '--help']);
  assert.equal(sim.status, 0, sim.stderr);
  assert.match(sim.stdout, /--port/);
  const codegen = atws(['help', 'codegen']);
  assert.equal(codegen.status, 0, codegen.stderr);
  assert.match(codegen.stdout, /^\s+generate\b/m);
});

test('a reader that closes stdout early (| head -1) ends the command quietly with status 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/cli/atws.ts', 'query', 'Ticket', '--sim', '--sim-tickets', '3000'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
