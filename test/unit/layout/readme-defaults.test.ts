// The defaults README.md states for connect()'s options are the ones the code applies: a stated
// default is read from the text (every place it is stated) and compared with what resolveOptions gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveOptions } from '../../../runtime/client/connection-options.js';
import { projectRoot } from '../../support/shared.js';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ');

/** Every number README states as `option`'s default: "(`x`, default 3", "; `x`, default 3", "`x` (default 3" or "`x` ... (default: the thread limit, 3)". */
function statedDefaults(option: string): number[] {
  const found: number[] = [];
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const pattern of [
    `[(;] ?\`${escaped}\`, default (\\d[\\d,]*)`,
    `\`${escaped}\`(?: \\w+)? \\(default (\\d[\\d,]*)`,
    `\`${escaped}\` [^.;]*?\\(default: [^)]*?(\\d[\\d,]*)\\)`,
  ]) {
    for (const m of readme.matchAll(new RegExp(pattern, 'g'))) found.push(Number((m[1] as string).replaceAll(',', '')));
  }
  return found;
}

test('README states the defaults resolveOptions applies', () => {
  const resolved = resolveOptions({ username: 'u', password: 'p', integrationCode: 'c' });
  const expected: Record<string, number> = {
    concurrency: resolved.concurrency,
    threadLimit: resolved.threadLimit,
    retries: resolved.retries,
    retryBaseDelayMs: resolved.retryBaseDelayMs,
    usageCheckEvery: resolved.usageCheckEvery,
    slowAtPercent: resolved.slowAtPercent,
  };
  for (const [option, value] of Object.entries(expected)) {
    const stated = statedDefaults(option);
    assert.ok(stated.length > 0, `README states no default for \`${option}\``);
    for (const n of stated) assert.equal(n, value, `README says \`${option}\` defaults to ${n}; the code applies ${value}`);
  }
  assert.equal(resolved.concurrency, 3);
});
