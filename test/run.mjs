#!/usr/bin/env node
// Runs every test file under test/ (unit, integration, property, fault) with Node's own test
// runner, loading TypeScript through tsx. Node 20's `--test` does not expand globs or find `.ts`
// files by itself, hence this list. Extra arguments narrow the run: `node test/run.mjs simulator`.
// `--unit` runs the fast unit tests only (`npm run test:unit`): those that neither generate code,
// run tsc nor start a server process (test/unit/codegen and test/unit/types do).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const unitOnly = process.argv.includes('--unit');
const filters = process.argv.slice(2).filter((arg) => arg !== '--unit');
const slowUnit = [join('test', 'unit', 'codegen') + '/', join('test', 'unit', 'types') + '/'];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // test/types holds compile-time probes (checked by tsc), not test files; test/unit/types does hold tests.
    if (name === 'fixtures' || name === 'golden' || path === join(root, 'test', 'types')) return [];
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.test.ts') ? [path] : [];
  });
}

const files = walk(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .filter((f) => !unitOnly || (f.startsWith(join('test', 'unit') + '/') && !slowUnit.some((slow) => f.startsWith(slow))))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Tests spawn the CLI and scripts with other working directories: they must resolve `atws/...` and
// `@atws/...` to the sources through this tsconfig's paths, wherever they run.
process.env.TSX_TSCONFIG_PATH = join(root, 'tsconfig.json');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
