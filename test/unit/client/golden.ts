/**
 * Golden files of the client's tests (test/golden/client/). `UPDATE_GOLDEN=1` rewrites them from
 * the current output; otherwise a missing golden file is a failure, not a silent pass.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export function assertGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../../golden/client/${name}`, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file test/golden/client/${name} is missing; run with UPDATE_GOLDEN=1 to write it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from test/golden/client/${name}`);
}
