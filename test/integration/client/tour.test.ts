import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../support/shared.js';
import { transportSuite } from './sim-connect.js';

/** `npm start [-- args]`: the tour's stdout, after checking that it exited 0 and showed no secret. */
function tour(args: readonly string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'simulator/tour/tour.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stdout + result.stderr, /sim-password|SIMULATOR-INTEGRATION-CODE/);
  return result.stdout;
}

/** What both wires show alike after the closing step. */
function assertSameWorkflow(out: string): void {
  assert.match(out, /<condition operator="OR">/);
  assert.match(out, /after create: {2}id = \d+/);
  assert.match(out, /update\(\) -> stored title "I changed this"/);
  assert.match(out, /reload\(\) -> "changed elsewhere"/);
  assert.match(out, /checklist item #\d+ created, then delete\(\)d/);
  assert.match(out, /getUdf\('Room'\) = 12B; getUdf\('Asset Tag'\) = AT-0042/);
  assert.match(out, /attributes \(JSON kept in the "Attributes" UDF\): \{"escalated":true\}/);
  assert.match(out, /tp\.SubIssueType\['Hardware Failure'\]\['Mouse'\] = 11/);
  assert.match(out, /getInvoiceMarkup\(\d+, 'html'\): \d+ characters: <html>/);
  assert.match(out, /requests used in the last 60 minutes/);
  assert.match(out, /\nDone\.\n$/);
}

describe('npm start (the tour) over SOAP', transportSuite('soap'), () => {
  test("runs python-atws's README end to end and exits 0", () => {
    const out = tour([]);
    assert.match(out, /getZoneInfo\("api-user@sim\.example"\) -> http:\/\/127\.0\.0\.1:\d+\/atservices\/1\.6\/atws\.asmx/);
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
    assertSameWorkflow(out);
  });
});

describe('npm start -- --transport rest (the tour over REST)', transportSuite('rest'), () => {
  test('runs the same workflow over REST: the zone by zoneInformation, one PATCH per ticket closed', () => {
    // Fewer tickets than the SOAP run keep it fast: 600 still take two pages.
    const out = tour(['--transport', 'rest', '--tickets', '600']);
    assert.match(out, /the tour talks REST/);
    assert.match(out, /zoneInformation\("api-user@sim\.example"\) -> http:\/\/127\.0\.0\.1:\d+\/ATServicesRest\/V1\.0\/\n/);
    assert.match(out, /600 tickets in 2 queries/);
    // One request per ticket written, and the two queries feeding them: REST has no batch.
    assert.match(out, /600 tickets closed with \d+ requests \(2 queries, 600 PATCH requests\)/);
    const steps = out
      .split('\n')
      .filter((line) => /^ {4}(query #|ticket ids)/.test(line))
      .map((line) => line.trim());
    assert.equal(steps[0], 'query #1 returns ticket ids 1-500');
    assert.ok(steps.includes('query #2 returns ticket ids 501-600'), steps.join('\n'));
    const patched = steps.filter((line) => line.startsWith('ticket ids'));
    for (const line of patched) assert.match(line, /^ticket ids [\d, -]+ are submitted, one PATCH each \(PATCH #\d+(-#\d+)?\)$/);
    assert.match(patched[patched.length - 1] as string, /PATCH #\d+-#600\)$/);
    assertSameWorkflow(out);
  });
});
