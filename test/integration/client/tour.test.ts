import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../support/shared.js';

test('npm start (the tour) runs the seed README end to end and exits 0', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'runtime/tour/tour.ts'], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  const out = result.stdout;
  assert.match(out, /getZoneInfo\("api-user@sim\.example"\) -> http:\/\/127\.0\.0\.1:\d+\/atservices\/1\.6\/atws\.asmx/);
  assert.match(out, /<condition operator="OR">/);
  assert.match(out, /1400 tickets in 3 queries/);
  assert.match(out, /1400 tickets closed with 10 requests/);
  assert.match(out, /after create: {2}id = \d+/);
  assert.match(out, /reload\(\) -> "changed elsewhere"/);
  assert.match(out, /tp\.SubIssueType\['Hardware Failure'\]\['Mouse'\] = 11/);
  assert.match(out, /getInvoiceMarkup\(\d+, 'html'\)/);
  assert.match(out, /requests used in the last 60 minutes/);
  assert.doesNotMatch(out + result.stderr, /sim-password|SIMULATOR-INTEGRATION-CODE/);
});
