import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../support/shared.js';

test("npm start (the tour) runs python-atws's README end to end and exits 0", () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'simulator/tour/tour.ts'], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  const out = result.stdout;
  assert.match(out, /getZoneInfo\("api-user@sim\.example"\) -> http:\/\/127\.0\.0\.1:\d+\/atservices\/1\.6\/atws\.asmx/);
  assert.match(out, /<condition operator="OR">/);
  assert.match(out, /1400 tickets in 3 queries/);
  assert.match(out, /1400 tickets closed with 10 requests \(3 queries, 7 update packets\)/);
  // The requests of that step, in the order they went out, in python-atws's words.
  const interleaving = out
    .split('\n')
    .filter((line) => /^ {4}(query #|ticket ids)/.test(line))
    .map((line) => line.trim().replace(/ are submitted for processing \(update packet #\d+\)$/, ' submitted'));
  assert.deepEqual(interleaving, [
    'query #1 returns ticket ids 1-500',
    'ticket ids 1-200 submitted',
    'ticket ids 201-400 submitted',
    'query #2 returns ticket ids 501-1000',
    'ticket ids 401-600 submitted',
    'ticket ids 601-800 submitted',
    'query #3 returns ticket ids 1001-1400',
    'ticket ids 801-1000 submitted',
    'ticket ids 1001-1200 submitted',
    'ticket ids 1201-1400 submitted',
  ]);
  assert.match(out, /after create: {2}id = \d+/);
  assert.match(out, /reload\(\) -> "changed elsewhere"/);
  assert.match(out, /tp\.SubIssueType\['Hardware Failure'\]\['Mouse'\] = 11/);
  assert.match(out, /getInvoiceMarkup\(\d+, 'html'\)/);
  assert.match(out, /requests used in the last 60 minutes/);
  assert.doesNotMatch(out + result.stderr, /sim-password|SIMULATOR-INTEGRATION-CODE/);
});
