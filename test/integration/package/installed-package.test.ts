/**
 * The packages as a user installs them (test/support/packed-packages.ts packs the current sources):
 * `npm install atws` alone into a fresh CommonJS project is the client only (no native module, none
 * of code generation's or the simulator's dependencies, at most 15 MB), used through `require`,
 * `import` and the `atws` bin, whose `sim` and `codegen` then name the package to install; after
 * installing @atws/simulator and @atws/codegen beside it, both commands work from there; and, as
 * issue 13 asks, the user pulls their tenant (the simulator standing in for it) into ./atws/,
 * generates ./atws/generated/, builds a program on it with tsc to an outDir and runs it, and a file
 * with a wrong picklist label and UDF name does not compile. One test, since each step needs the last.
 * Dependencies come from npm's cache (`--prefer-offline`); install scripts do run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../support/shared.js';
import { filesUnder, packAll } from '../../support/packed-packages.js';
import ts from 'typescript';

const env: NodeJS.ProcessEnv = { ...process.env, ATWS_PASSWORD: '' };
delete env['TSX_TSCONFIG_PATH'];
const run = (command: string, args: readonly string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
/** npm install, its stdout and stderr both (npm warns on stderr). */
function install(cwd: string, ...tarballs: string[]): { stdout: string; stderr: string } {
  const result = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { cwd, encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stderr);
  return { stdout: result.stdout, stderr: result.stderr };
}
/** The package.json inside a tarball, as npm installs it. */
const packedManifest = (tarball: string): Record<string, unknown> =>
  JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;

const TSX_VERSION = (JSON.parse(readFileSync(join(projectRoot, 'node_modules/tsx/package.json'), 'utf8')) as { version: string }).version;
const MAX_CLIENT_INSTALL_BYTES = 15 * 1024 * 1024;

test('npm install atws is the client only; the simulator and codegen packages add their commands', { timeout: 600_000 }, async (t) => {
  const temp = mkdtempSync(join(tmpdir(), 'atws-installed-'));
  try {
    const packed = packAll(temp);
    const user = join(temp, 'user');
    run('mkdir', [user], temp);
    writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'cjs-user', version: '1.0.0', private: true }));
    // Published manifests carry nothing of the repository: no scripts to run on the user's machine.
    for (const tarball of Object.values(packed)) {
      const manifest = packedManifest(tarball);
      for (const field of ['scripts', 'devDependencies', 'workspaces', 'allowScripts']) {
        assert.equal(manifest[field], undefined, `${String(manifest['name'])}'s packed package.json has ${field}`);
      }
    }
    const clientInstall = install(user, packed.atws);
    assert.doesNotMatch(`${clientInstall.stdout}${clientInstall.stderr}`, /prepare|install-scripts/i, 'npm install atws warns about scripts');

    const modules = join(user, 'node_modules');
    const files = filesUnder(modules);
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    assert.ok(bytes <= MAX_CLIENT_INSTALL_BYTES, `npm install atws takes ${(bytes / 2 ** 20).toFixed(1)} MB, more than 15 MB`);
    t.diagnostic(`npm install atws: ${readdirSync(modules).length} entries in node_modules, ${(bytes / 2 ** 20).toFixed(1)} MB`);
    const native = files.filter((f) => f.path.endsWith('.node') || f.path.endsWith('binding.gyp'));
    assert.deepEqual(native, [], 'no native module');
    const installed = readdirSync(modules);
    for (const absent of ['ts-morph', 'soap', 'axios', 'wsdl-tsclient', 'better-sqlite3', 'typescript', '@atws']) {
      assert.ok(!installed.includes(absent), `${absent} comes with atws`);
    }

    writeFileSync(
      join(user, 'use.cjs'),
      `const { connect, Query, AtwsError } = require('atws');
const { Ticket } = require('atws/v1_6');
const { parseQueryXml } = require('atws/protocol/soap');
(async () => {
  const esm = await import('atws');
  const xml = new Query('Ticket').where('id', 'GreaterThan', 2).toXml();
  console.log(JSON.stringify({ ticket: Ticket.entityName, entity: parseQueryXml(xml).entity, connect: typeof connect, sameModule: esm.AtwsError === AtwsError }));
})();
`,
    );
    assert.deepEqual(JSON.parse(run(process.execPath, ['use.cjs'], user)), {
      ticket: 'Ticket',
      entity: 'Ticket',
      connect: 'function',
      sameModule: true,
    });
    writeFileSync(join(user, 'use.mjs'), "import { Query } from 'atws';\nconsole.log(new Query('Ticket').where('id', 'Equals', 7).toXml());\n");
    assert.match(run(process.execPath, ['use.mjs'], user), /<expression op="Equals">7<\/expression>/);

    const bin = join(modules, '.bin/atws');
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run(bin, ['--version'], user), `${version}\n`);
    assert.match(run(bin, ['--help'], user), /^\s+codegen\b[\s\S]*^\s+sim\b[\s\S]*^\s+query\b/m);
    for (const [args, pkg] of [
      [['sim'], '@atws/simulator'],
      [['query', 'Ticket', '--sim'], '@atws/simulator'],
      [['codegen', 'generate'], '@atws/codegen'],
    ] as const) {
      const missing = spawnSync(bin, args, { cwd: user, encoding: 'utf8', env });
      assert.equal(missing.status, 1, args.join(' '));
      assert.match(
        missing.stderr,
        new RegExp(`needs the ${pkg} package, which is not installed here: npm install --save-dev ${pkg}`),
        args.join(' '),
      );
    }

    const toolsInstall = install(user, packed.simulator, packed.codegen);
    assert.doesNotMatch(toolsInstall.stderr, /prepare|install-scripts/i, 'npm install of the tools warns about scripts');
    assert.ok(!readdirSync(modules).includes('better-sqlite3'), 'better-sqlite3 is installed only when asked for');
    assert.equal(run(bin, ['query', 'Ticket', '--sim', '--sim-tickets', '3', '--format', 'csv', '--fields', 'id'], user), 'id\r\n1\r\n2\r\n3\r\n');
    writeFileSync(
      join(user, 'sim.cjs'),
      `const { connect, Query } = require('atws');
const { startSimulator } = require('@atws/simulator');
(async () => {
  const sim = await startSimulator({ tickets: 5 });
  const o = sim.options;
  const at = await connect({ username: o.username, password: o.password, integrationCode: o.integrationCode, url: sim.asmxUrl('1.6') });
  const ids = [];
  for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 2))) ids.push(t.id);
  at.close();
  await sim.close();
  console.log(JSON.stringify(ids));
})();
`,
    );
    assert.equal(run(process.execPath, ['sim.cjs'], user).trim(), '[3,4,5]');
    const db = spawnSync(bin, ['sim', '--db', join(temp, 'tenant.db')], { cwd: user, encoding: 'utf8', env });
    assert.equal(db.status, 1);
    assert.match(db.stderr, /--db\) needs the better-sqlite3 package, which is not installed here: npm install better-sqlite3/);
    assert.match(run(bin, ['codegen', 'generate', '--help'], user), /Usage: atws codegen generate/);

    // The user's tenant: a simulator started from the installed package, in another process.
    writeFileSync(
      join(user, 'tenant.cjs'),
      `const { startSimulator } = require('@atws/simulator');
startSimulator({ tickets: 12 }).then((sim) => {
  const o = sim.options;
  console.log(JSON.stringify({ url: sim.asmxUrl('1.6'), restUrl: sim.restUrl, username: o.username, password: o.password, integrationCode: o.integrationCode }));
  process.stdin.on('end', () => sim.close().then(() => process.exit(0)));
  process.stdin.resume();
});
`,
    );
    const tenantProcess = spawn(process.execPath, ['tenant.cjs'], { cwd: user, env, stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const [first] = (await once(createInterface({ input: tenantProcess.stdout }), 'line')) as [string];
      const tenant = JSON.parse(first) as { url: string; restUrl: string; username: string; password: string; integrationCode: string };
      const secrets = { ...env, ATWS_PASSWORD: tenant.password, ATWS_INTEGRATION_CODE: tenant.integrationCode };
      const npx = (args: readonly string[]): string =>
        execFileSync('npx', ['--no-install', 'atws', ...args], { cwd: user, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: secrets });
      assert.match(npx(['codegen', 'pull', '--url', tenant.url, '--username', tenant.username]), /^wrote atws[/\\]1\.6 \(167 entities/);
      assert.match(npx(['codegen', 'generate']), /^wrote atws[/\\]generated[/\\]v1_6 /);
      assert.deepEqual(readdirSync(join(user, 'atws')).sort(), ['1.6', 'generated']);
      // Over REST, the installed package's own 1.6 metadata and WSDL structure under the tenant's answers.
      assert.match(
        npx(['codegen', 'pull', '--transport', 'rest', '--url', tenant.restUrl, '--username', tenant.username, '--out', 'atws-rest']),
        /^wrote atws-rest[/\\]1\.6 \(167 entities, 0 disagreements/,
      );

      // A program on the generated module, built by tsc into an outDir and run from there.
      install(user, '--save-dev', `typescript@${ts.version}`, '@types/node@20', `tsx@${TSX_VERSION}`);
      writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'esm-user', version: '1.0.0', private: true, type: 'module' }));
      writeFileSync(
        join(user, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            outDir: 'build',
            rootDir: '.',
            types: ['node'],
            skipLibCheck: false,
          },
          include: ['app.ts', 'atws/generated'],
        }),
      );
      writeFileSync(
        join(user, 'app.ts'),
        `import { connect } from 'atws';
import * as tenant from './atws/generated/v1_6/index.js';
const at = await connect({ username: process.env['U'] as string, password: process.env['ATWS_PASSWORD'] as string,
  integrationCode: process.env['ATWS_INTEGRATION_CODE'] as string, url: process.env['URL'] as string, api: tenant });
const status = await at.picklist('Ticket');
const complete: number = status.Status.get('Complete');
const found: tenant.Ticket[] = [];
for await (const t of at.query(at.newQuery('Ticket').where('id', 'LessThanOrEquals', 3))) found.push(t);
const room: string | null | undefined = found[0]?.getUdf('Room');
at.close();
console.log(JSON.stringify({ ids: found.map((t) => t.id), tenantClass: found.every((t) => t instanceof tenant.Ticket), complete: typeof complete, room: typeof room }));
`,
      );
      const tscBin = join(modules, '.bin/tsc');
      run(tscBin, ['-p', '.'], user);
      const ran = execFileSync(process.execPath, [join('build', 'app.js')], {
        cwd: user,
        encoding: 'utf8',
        env: { ...secrets, U: tenant.username, URL: tenant.url },
      });
      assert.deepEqual(JSON.parse(ran), { ids: [1, 2, 3], tenantClass: true, complete: 'number', room: 'string' });
      // The same source under tsx, straight from the .ts files.
      const underTsx = execFileSync(join(modules, '.bin/tsx'), ['app.ts'], {
        cwd: user,
        encoding: 'utf8',
        env: { ...secrets, U: tenant.username, URL: tenant.url },
      });
      assert.deepEqual(JSON.parse(underTsx), JSON.parse(ran));

      // The tenant's labels and UDF names are types: each wrong one is a compile error.
      writeFileSync(
        join(user, 'wrong.ts'),
        `import type { Connection } from 'atws';
import type * as tenant from './atws/generated/v1_6/index.js';
export async function wrong(at: Connection<typeof tenant>, ticket: tenant.Ticket): Promise<void> {
  const picklists = await at.picklist('Ticket');
  // @ts-expect-error a label the tenant lacks
  picklists.Status.get('Complte');
  // @ts-expect-error a child label under another parent
  picklists.SubIssueType.get('Software').get('Mouse');
  // @ts-expect-error a UDF the tenant lacks
  ticket.getUdf('Rooom');
  // @ts-expect-error nor to set
  ticket.setUdf('Rooom', 'x');
}
`,
      );
      writeFileSync(
        join(user, 'tsconfig.wrong.json'),
        JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, include: ['wrong.ts'] }),
      );
      run(tscBin, ['-p', 'tsconfig.wrong.json'], user);
      // ...and without the expectations, those very lines are the errors.
      writeFileSync(join(user, 'wrong.ts'), readFileSync(join(user, 'wrong.ts'), 'utf8').replaceAll('// @ts-expect-error', '//'));
      const errors = spawnSync(tscBin, ['-p', 'tsconfig.wrong.json'], { cwd: user, encoding: 'utf8', env });
      assert.equal(errors.status, 2);
      assert.deepEqual(errors.stdout.match(/wrong\.ts\(\d+,/g), ['wrong.ts(6,', 'wrong.ts(8,', 'wrong.ts(10,', 'wrong.ts(12,']);
    } finally {
      tenantProcess.stdin.end();
      await once(tenantProcess, 'exit');
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});
