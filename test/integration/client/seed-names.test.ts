/**
 * python-atws's spellings as its guide writes them, through the public entry point: the picklist forms
 * `tp.Status.Complete` and `tp.SubIssueType['Hardware Failure']['Mouse']`, the attribute store's
 * `deleteAttribute`, `toJSON` dates in ISO UTC, and an integration code that is sent on 1.5 too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, connect } from '../../../runtime/index.js';
import { useSimulator, simLogin } from './sim-connect.js';
import { known } from '../../support/known-value.js';

const env = useSimulator({ tickets: 3 });

test('picklists read as python-atws writes them', async () => {
  const tp = await env.at.picklist('Ticket');
  assert.equal(tp.Status.Complete, 5);
  assert.equal(tp['Status']['Complete'], 5);
  assert.equal(tp.Status.reverseLookup(known(5)), 'Complete');
  // Under noUncheckedIndexedAccess the parent's entry is typed `| undefined`; at run time it is there.
  assert.equal(tp.SubIssueType['Hardware Failure']!['Mouse'], 11);
  assert.equal(tp.Priority.High, 1);
  assert.equal(tp.Priority.Critical, 4);
});

test('the attribute store: set, read back after a round trip, delete; toJSON with ISO UTC dates', async () => {
  const ticket = env.at.new('Ticket', {
    Title: 'attributes',
    AccountID: 0,
    DueDateTime: new Date('2024-03-10T06:59:59.500Z'),
    Priority: known(2),
    Status: known(1),
  });
  ticket.setAttribute('escalated', true).setAttribute('owner', { name: 'Ann <&>' });
  const stored = await ticket.create();
  stored.deleteAttribute('escalated');
  await stored.update();
  await ticket.reload();
  assert.equal(ticket.getAttribute('escalated'), undefined);
  assert.deepEqual(ticket.getAttribute('owner'), { name: 'Ann <&>' });
  assert.deepEqual(JSON.parse(String(env.sim.store.get('Ticket', ticket.id as number)?.udfs?.get('Attributes'))), { owner: { name: 'Ann <&>' } });

  const plain = JSON.parse(JSON.stringify(ticket)) as Record<string, unknown>;
  assert.equal(plain['id'], ticket.id);
  assert.equal(plain['DueDateTime'], '2024-03-10T06:59:59.500Z');
  assert.match(String(plain['CreateDate']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual((plain['UserDefinedFields'] as Record<string, unknown>)['Attributes'], JSON.stringify({ owner: { name: 'Ann <&>' } }));
});

test('integrationCode is sent on 1.5 when given, and only then', async () => {
  const url = env.sim.asmxUrl('1.5');
  const dir = mkdtempSync(join(tmpdir(), 'atws-v15-'));
  const sentIn = (sub: string): string[] =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith('-sent.xml'))
      .map((f) => readFileSync(join(dir, sub, f), 'utf8'));
  try {
    const without = await connect({
      username: simLogin.username,
      password: simLogin.password,
      apiVersion: '1.5',
      url,
      supportFilesPath: join(dir, 'without'),
    });
    assert.match(await without.getWsdlVersion(), /^1\.5/);
    without.close();
    const right = await connect({ ...simLogin, apiVersion: '1.5', url, supportFilesPath: join(dir, 'with') });
    assert.match(await right.getWsdlVersion(), /^1\.5/);
    right.close();
    assert.equal(sentIn('without').length, 1);
    assert.doesNotMatch(sentIn('without')[0] ?? '', /IntegrationCode/);
    assert.equal(sentIn('with').length, 1);
    assert.match(sentIn('with')[0] ?? '', /<IntegrationCode>\[REDACTED\]<\/IntegrationCode>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The simulator refuses a wrong code on 1.5 (as Autotask does for a user with an identifier): so it was sent.
  const wrong = await connect({ username: simLogin.username, password: simLogin.password, apiVersion: '1.5', url, integrationCode: 'NOT-THE-CODE' });
  await assert.rejects(wrong.getWsdlVersion(), (e: unknown) => e instanceof ApiError && /IntegrationCode is invalid/.test(e.message));
  wrong.close();
});
