/**
 * The package as a user installs it: `npm pack` of the current sources (built into a temporary
 * copy, so the test neither needs nor touches the project's dist/), installed from the tarball into
 * a fresh CommonJS project, then used through `require`, through `import`, and through the `atws` bin.
 * Dependencies come from npm's cache (`--prefer-offline`); install scripts are skipped because no
 * step here opens a SQLite file (better-sqlite3 loads its native part only for `atws sim --db`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../support/shared.js';

const run = (command: string, args: readonly string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ATWS_PASSWORD: '' } });

test('a CommonJS project installs the packed tarball and uses atws by require, import and the bin', { timeout: 240_000 }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'atws-installed-'));
  try {
    const pkg = join(temp, 'pkg');
    mkdirSync(pkg);
    for (const file of ['package.json', 'README.md']) copyFileSync(join(projectRoot, file), join(pkg, file));
    run(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')], projectRoot);
    const tarball = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', temp], pkg).trim().split('\n').pop() as string;

    const user = join(temp, 'user');
    mkdirSync(user);
    writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'cjs-user', version: '1.0.0', private: true }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(temp, tarball)], user);

    writeFileSync(
      join(user, 'use.cjs'),
      `const { connect, Query, AtwsError } = require('atws');
const { Ticket } = require('atws/v1_6');
const { startSimulator } = require('atws/simulator');
(async () => {
  const sim = await startSimulator({ tickets: 5 });
  const o = sim.options;
  const at = await connect({ username: o.username, password: o.password, integrationCode: o.integrationCode, url: sim.asmxUrl('1.6') });
  const ids = [];
  for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 2))) ids.push(t.id);
  at.close();
  await sim.close();
  const esm = await import('atws');
  console.log(JSON.stringify({ ids, ticket: Ticket.entityName, sameModule: esm.AtwsError === AtwsError }));
})();
`,
    );
    assert.deepEqual(JSON.parse(run(process.execPath, ['use.cjs'], user)), { ids: [3, 4, 5], ticket: 'Ticket', sameModule: true });

    writeFileSync(join(user, 'use.mjs'), "import { Query } from 'atws';\nconsole.log(new Query('Ticket').where('id', 'Equals', 7).toXml());\n");
    assert.match(run(process.execPath, ['use.mjs'], user), /<expression op="Equals">7<\/expression>/);

    const bin = join(user, 'node_modules/.bin/atws');
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run(bin, ['--version'], user), `${version}\n`);
    assert.equal(run(bin, ['query', 'Ticket', '--sim', '--sim-tickets', '3', '--format', 'csv', '--fields', 'id'], user), 'id\r\n1\r\n2\r\n3\r\n');
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});
