import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PicklistLabelError, UsageError, type Connection } from '../../../runtime/index.js';
import { connectTo, TRANSPORTS, transportSuite, useSimulator, type TestTransport } from './sim-connect.js';
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

/** Every byte value, then text that is not ASCII: each wire must carry them exactly. */
const ATTACHED = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('hello, attachment \u00e9\n', 'utf8')]);

async function attach(at: Connection<'1.6', TestTransport>, title: string, parent: 'Ticket' | 'Contract' = 'Ticket', parentId = 1): Promise<number> {
  const ap = await at.picklist('AttachmentInfo');
  return at.createAttachment({
    data: ATTACHED,
    info: {
      ParentID: parentId,
      ParentType: ap.ParentType.get(parent),
      Type: ap.Type.get('File Attachment'),
      Title: title,
      FullPath: `${title}.txt`,
      Publish: ap.Publish.get('All Autotask Users'),
    },
  });
}

for (const transport of TRANSPORTS) {
  describe(`attachments over ${transport}`, transportSuite(transport), () => {
    let at: Connection<'1.6', TestTransport>;
    before(async () => {
      at = await connectTo(env.sim.url, { transport });
      await at.picklist('AttachmentInfo');
    });
    after(() => at.close());

    test('create, get (the same bytes), delete, get after delete', async () => {
      const id = await attach(at, 'note');
      assert.ok(id > 0);
      const before = at.requestCount;
      const got = await at.getAttachment(id);
      // REST finds the parent first (AttachmentInfo/{id}), then reads Tickets/{parentId}/Attachments/{id}.
      assert.equal(at.requestCount - before, transport === 'soap' ? 1 : 2);
      assert.ok(got?.data instanceof Uint8Array);
      assert.deepEqual(Buffer.from(got.data), ATTACHED);
      assert.equal(got.info?.Title, 'note');
      assert.equal(got.info?.get('ParentID'), 1);
      assert.equal(got.info?.FileSize, ATTACHED.length);
      assert.equal(await at.deleteAttachment(id), '');
      assert.equal(await at.getAttachment(id), undefined);
      assert.equal(env.sim.store.get('AttachmentInfo', id), undefined);
      await assert.rejects(at.getAttachment(-1), /positive integer/);
    });

    test('an unknown id: get answers undefined, delete the reason', async () => {
      assert.equal(await at.getAttachment(987654), undefined);
      assert.match(await at.deleteAttachment(987654), /Attachment 987654 does not exist/);
    });

    test('what the other wire attached is read and deleted here', async () => {
      const other = await connectTo(env.sim.url, { transport: transport === 'soap' ? 'rest' : 'soap' });
      try {
        const id = await attach(other, 'from the other wire');
        const got = await at.getAttachment(id);
        assert.deepEqual(Buffer.from(got?.data ?? []), ATTACHED);
        assert.equal(got?.info?.Title, 'from the other wire');
        assert.equal(await at.deleteAttachment(id), '');
        assert.equal(await other.getAttachment(id), undefined);
      } finally {
        other.close();
      }
    });

    test(
      'a parent without a REST attachment route (Contract) is a UsageError before the POST',
      { skip: transport === 'soap' && 'SOAP attaches to every ParentType' },
      async () => {
        const before = at.requestCount;
        await assert.rejects(
          attach(at, 'contract terms', 'Contract'),
          (e: unknown) => e instanceof UsageError && /a Contract .*no REST route/.test(e.message),
        );
        assert.equal(at.requestCount, before);
      },
    );
  });
}
