// `npx atws codegen pull` then `npx atws codegen generate` as a user types them in their own project:
// a folder with no package.json, the commands spawned there, the simulator as the tenant over real
// HTTP. Everything lands under ./atws/ of that folder, whatever the package's own location.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { projectRoot } from '../../support/shared.js';

// tsx resolved from this checkout: the user's folder has no node_modules for `--import tsx` to find.
const TSX = import.meta.resolve('tsx');
const ATWS = join(projectRoot, 'runtime', 'cli', 'atws.ts');

function atws(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env };
  for (const name of ['ATWS_USERNAME', 'ATWS_PASSWORD', 'ATWS_INTEGRATION_CODE']) delete base[name];
  return new Promise((resolve) => {
    // Pipes, not a terminal: the non-TTY form of the progress.
    const child = spawn(process.execPath, ['--import', TSX, ATWS, ...args], { cwd, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe("codegen in a user's project (the working directory)", () => {
  let sim: RunningSimulator;
  let project: string;
  let empty: string;
  before(async () => {
    sim = await startSimulator({ tickets: 3 });
    // Outside the checkout: nothing above it is this package, so no default can lean on "the project".
    project = await mkdtemp(join(tmpdir(), 'atws-user-project-'));
    empty = await mkdtemp(join(tmpdir(), 'atws-user-empty-'));
  });
  after(async () => {
    await sim.close();
    await rm(project, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  it('pull --url <WSDL URL> writes ./atws/1.6/, with step lines on stderr and no secret', async () => {
    assert.equal(existsSync(join(project, 'package.json')), false);
    const { username, password, integrationCode } = sim.options;
    // The WSDL URL as copied from a browser; the endpoint is derived from it.
    const result = await atws(
      project,
      ['codegen', 'pull', '--url', sim.wsdlUrl('1.6'), '--username', username, '--integration-code', integrationCode],
      {
        ATWS_PASSWORD: password,
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'wrote atws/1.6 (167 entities, 0 disagreements)\n');
    assert.deepEqual(await readdir(project), ['atws']);
    assert.deepEqual((await readdir(join(project, 'atws', '1.6'))).sort(), ['entities.json', 'wsdl.json']);
    const snapshot = JSON.parse(await readFile(join(project, 'atws', '1.6', 'entities.json'), 'utf8')) as { apiVersion: string };
    assert.equal(snapshot.apiVersion, '1.6');

    // Not a terminal: one line per step, no carriage returns, nothing per entity.
    assert.equal(result.stderr.includes('\r'), false);
    const lines = result.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      `atws codegen pull: connecting to ${sim.asmxUrl('1.6')} (WSDL ${sim.wsdlUrl('1.6')})`,
      'atws codegen pull: getEntityInfo: 167 entities; reading their fields (GetFieldInfo, getUDFInfo)',
      'atws codegen pull: fields: 167 of 167 entities done',
      `atws codegen pull: joining the metadata with the WSDL ${sim.wsdlUrl('1.6')}`,
    ]);
    // The simulator's WSDL declares every entity and field its metadata has: nothing to report.
    assert.equal(lines.length, 4);
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    for (const secret of [password, integrationCode, basic]) assert.equal(`${result.stdout}${result.stderr}`.includes(secret), false);
  });

  it('generate with no flags turns the one snapshot there (1.6 only) into ./atws/generated/v1_6/', async () => {
    const result = await atws(project, ['codegen', 'generate']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^wrote atws\/generated\/v1_6 \(\d+ files\)\n$/);
    assert.deepEqual(await readdir(join(project, 'atws', 'generated')), ['v1_6']);
    assert.ok(existsSync(join(project, 'atws', 'generated', 'v1_6', 'entities', 'Ticket.ts')));
    assert.deepEqual((await readdir(project)).sort(), ['atws']);
    assert.deepEqual((await readdir(join(project, 'atws'))).sort(), ['1.6', 'generated']);
  });

  it('generate where nothing was pulled names the folder it looked in and the pull command', async () => {
    const result = await atws(empty, ['codegen', 'generate']);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      `CodegenError: ${join(empty, 'atws')}: no snapshot found (looked for 1.5/entities.json and 1.6/entities.json); pull one first: ` +
        'npx atws codegen pull --url <zone atws.asmx> --username <user> --password <password> --integration-code <code>\n',
    );
    const asked = await atws(project, ['codegen', 'generate', '--version', '1.5']);
    assert.equal(asked.status, 1);
    assert.match(asked.stderr, /atws\/1\.5\/entities\.json: cannot read: ENOENT \(no snapshot here: make one with `npx atws codegen pull --url/);
    assert.deepEqual(await readdir(empty), []);
  });

  it('help texts name no file of this repository', async () => {
    const commands = [['--help'], ['codegen', '--help'], ['codegen', 'pull', '--help'], ['codegen', 'generate', '--help']];
    const helps = await Promise.all(commands.map((args) => atws(empty, args)));
    helps.forEach((help, i) => {
      assert.equal(help.status, 0, help.stderr);
      for (const repoPath of ['../shared', 'shared/atws', 'node_modules', 'fieldinfo/', projectRoot, 'wsdl/<version>', ' generated/']) {
        assert.equal(help.stdout.includes(repoPath), false, `atws ${commands[i]!.join(' ')} names ${repoPath}:\n${help.stdout}`);
      }
    });
    assert.match(helps[2]!.stdout, /<dir>\/<version>\/ \(default: "atws"\)/);
    assert.match(helps[3]!.stdout, /\(default: "atws\/generated"\)/);
  });
});
