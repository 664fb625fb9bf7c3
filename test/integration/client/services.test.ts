import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PicklistLabelError, UsageError } from '../../../runtime/index.js';
import { useSimulator } from './sim-connect.js';
import { known } from '../../support/known-value.js';

const env = useSimulator({ tickets: 5 });

const fieldInfoCalls = (): number => env.sim.stats.byOperation.get('GetFieldInfo') ?? 0;

test('picklists: labels, reverseLookup, child picklists, one cached GetFieldInfo per entity', async () => {
  const before = fieldInfoCalls();
  const tp = await env.at.picklist('Ticket');
  assert.equal(tp.Status['Complete'], 5);
  assert.equal(tp['Status']['Complete'], 5);
  assert.equal(tp.Status.get('Complete'), 5);
  assert.equal(tp.Status.reverseLookup(known(5)), 'Complete');
  assert.equal(tp.Status.reverseLookup(known(999)), undefined);
  assert.equal(tp.SubIssueType['Hardware Failure']?.['Mouse'], 11);
  assert.equal(tp.SubIssueType.get('Software').get('Crash'), 23);
  assert.equal(tp.SubIssueType.reverseLookup(known(11)), 'Mouse');
  assert.ok('Status' in tp);
  assert.equal(await env.at.picklist('Ticket'), tp, 'cached');
  await env.at.getFieldInfo('Ticket');
  assert.equal(fieldInfoCalls() - before, 1);
  await tp.refresh();
  assert.equal(fieldInfoCalls() - before, 2);
  assert.equal(tp.Status['Complete'], 5);
});

test('an unknown label is a PicklistLabelError listing the valid labels; inactive values only on request', async () => {
  const tp = await env.at.picklist('Ticket');
  assert.throws(
    () => tp.Status['Compleet'],
    (e: unknown) => e instanceof PicklistLabelError && e.field === 'Status' && e.validLabels.includes('Complete') && /"Complete"/.test(e.message),
  );
  assert.throws(() => tp.Status['On Hold (retired)'], PicklistLabelError);
  assert.throws(() => tp.SubIssueType['Hardware Failure']?.['Floppy Drive'], PicklistLabelError);
  assert.throws(
    () => (tp as unknown as Record<string, unknown>)['Title'],
    (e: unknown) => e instanceof UsageError && /no picklist field "Title"; its picklists: /.test(e.message),
  );
  assert.throws(() => (tp as unknown as Record<string, unknown>)['Stauts'], /no picklist field "Stauts" \(did you mean Status\?\); its picklists: /);
  const all = await env.at.picklist('Ticket', { includeInactive: true });
  assert.equal(all.Status['On Hold (retired)'], 17);
  assert.equal(all.SubIssueType['Hardware Failure']?.['Floppy Drive'], 15);
  const attachment = await env.at.picklist('AttachmentInfo');
  assert.equal(attachment.Type['File Attachment'], 'FILE_ATTACHMENT');
});

test('a picklist turns into text as a description, never a label lookup: String(), template literals, concatenation', async () => {
  const tp = await env.at.picklist('Ticket');
  const text = String(tp.Status);
  assert.match(text, /^\[Picklist Ticket\.Status: "New", .*"Complete".*\]$/);
  assert.equal(`${tp.Status}`, text);
  assert.equal('' + tp.Status, text);
  assert.equal(tp.Status.toString(), text);
  assert.equal(tp.Status.valueOf(), tp.Status);
  assert.match(String(tp.SubIssueType.get('Hardware Failure')), /^\[Picklist Ticket\.SubIssueType\["Hardware Failure"\]: .*"Mouse"/);
  assert.match(`${tp}`, /^\[Picklists of Ticket: .*Status.*\]$/);
  // Labels and unknown labels are unchanged.
  assert.equal(tp.Status['Complete'], 5);
  assert.throws(() => tp.Status['toStrin'], PicklistLabelError);
});

test('field, entity and UDF info', async () => {
  const fields = await env.at.getFieldInfo('Ticket');
  const status = fields.find((f) => f.Name === 'Status');
  assert.equal(status?.IsPickList, true);
  assert.ok((status?.PicklistValues.length ?? 0) > 3);
  assert.equal(fields.find((f) => f.Name === 'SubIssueType')?.PicklistParentValueField, 'IssueType');
  const entities = await env.at.getEntityInfo();
  const ticket = entities.find((e) => e.Name === 'Ticket');
  assert.deepEqual(ticket && [ticket.CanCreate, ticket.CanDelete, ticket.CanQuery], [true, false, true]);
  const udfs = await env.at.getUdfInfo('Ticket');
  assert.ok(udfs.some((u) => u.Name === 'Room'));
  await assert.rejects(env.at.getUdfInfo('Nope' as 'Ticket'), /no entity type "Nope"/);
});

test('invoice markup as HTML and XML', async () => {
  const invoice = [...env.sim.store.scan('Invoice')][0];
  assert.ok(invoice);
  const html = await env.at.getInvoiceMarkup(invoice.id, 'html');
  assert.match(html, /<html|<table|<div/i);
  const xml = await env.at.getInvoiceMarkup(invoice.id, 'xml');
  assert.match(xml, /^\s*<(\?xml|\w)/);
  await assert.rejects(env.at.getInvoiceMarkup(invoice.id, 'pdf' as 'html'), /'html' or 'xml'/);
});

test('threshold and usage', async () => {
  const usage = await env.at.getThresholdAndUsageInfo();
  assert.equal(usage.threshold, env.sim.options.threshold);
  assert.equal(usage.timeframe, 60);
  assert.ok(usage.count > 0);
  assert.equal(usage.percent, Math.round((usage.count / usage.threshold) * 10000) / 100);
});

test('attachments: create, get, delete', async () => {
  const bytes = Buffer.from('hello, attachment \u00e9\n', 'utf8');
  const ap = await env.at.picklist('AttachmentInfo');
  const id = await env.at.createAttachment({
    data: bytes,
    info: {
      ParentID: 1,
      ParentType: ap.ParentType.get('Ticket'),
      Type: ap.Type.get('File Attachment'),
      Title: 'note.txt',
      FullPath: 'note.txt',
      Publish: ap.Publish.get('All Autotask Users'),
    },
  });
  assert.ok(id > 0);
  const got = await env.at.getAttachment(id);
  assert.deepEqual(got?.data, bytes);
  assert.equal(got?.info?.Title, 'note.txt');
  assert.equal(got?.info?.get('ParentID'), 1);
  await env.at.deleteAttachment(id);
  assert.equal(await env.at.getAttachment(id), undefined);
  await assert.rejects(env.at.getAttachment(-1), /positive integer/);
});
