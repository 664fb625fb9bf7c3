import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { childElement, childElements, childText, parseXml, type XmlElement } from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { atwsResult, call, faultOf, resultOf, xmlEscape } from './soap-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 20 });
});
after(() => sim.close());

function fields(result: XmlElement): XmlElement[] {
  return childElements(result, 'Field');
}
function picklist(field: XmlElement): Array<{ value: string; label: string; parent?: string; active: boolean }> {
  const list = childElement(field, 'PicklistValues');
  return (list ? childElements(list, 'PickListValue') : []).map((v) => ({
    value: childText(v, 'Value') ?? '',
    label: childText(v, 'Label') ?? '',
    ...(childText(v, 'parentValue') === undefined ? {} : { parent: childText(v, 'parentValue') as string }),
    active: childText(v, 'IsActive') === 'true',
  }));
}

describe('simulator metadata and other operations', () => {
  it('lists entity capabilities with getEntityInfo', async () => {
    const result = resultOf(await call(sim, 'GetEntityInfo', ''), 'GetEntityInfoResult');
    const infos = childElements(result, 'EntityInfo');
    assert.equal(infos.length, 167);
    const ticket = infos.find((i) => childText(i, 'Name') === 'Ticket');
    assert.equal(childText(ticket!, 'CanCreate'), 'true');
    assert.equal(childText(ticket!, 'CanDelete'), 'false');
    assert.equal(childText(ticket!, 'HasUserDefinedFields'), 'true');
    const v15 = resultOf(await call(sim, 'GetEntityInfo', '', { version: '1.5' }), 'GetEntityInfoResult');
    assert.equal(childElements(v15, 'EntityInfo').length, 124);
  });

  it('reports fields with picklists as a new tenant has them, parent/child and inactive values included', async () => {
    const result = resultOf(await call(sim, 'GetFieldInfo', '<psObjectType>Ticket</psObjectType>'), 'GetFieldInfoResult');
    const byName = new Map(fields(result).map((f) => [childText(f, 'Name'), f]));
    const status = picklist(byName.get('Status')!);
    assert.deepEqual(
      status.find((v) => v.label === 'New'),
      { value: '1', label: 'New', active: true },
    );
    assert.equal(status.find((v) => v.label === 'Complete')?.value, '5');
    assert.ok(status.some((v) => !v.active));
    const priority = Object.fromEntries(
      picklist(byName.get('Priority')!)
        .filter((v) => v.active)
        .map((v) => [v.label, v.value]),
    );
    assert.deepEqual(priority, { High: '1', Medium: '2', Low: '3', Critical: '4' });
    const issue = picklist(byName.get('IssueType')!);
    const hardware = issue.find((v) => v.label === 'Hardware Failure')?.value;
    assert.ok(issue.some((v) => v.label === 'Non Work Issues'));
    const sub = byName.get('SubIssueType')!;
    assert.equal(childText(sub, 'PicklistParentValueField'), 'IssueType');
    assert.ok(picklist(sub).some((v) => v.label === 'Mouse' && v.parent === hardware));
    assert.ok(picklist(byName.get('QueueID')!).some((v) => v.label === 'Client Portal'));
    const account = byName.get('AccountID')!;
    assert.equal(childText(account, 'IsReference'), 'true');
    assert.equal(childText(account, 'ReferenceEntityType'), 'Account');
    const fault = await call(sim, 'GetFieldInfo', '<psObjectType>Tickett</psObjectType>');
    assert.match(faultOf(fault), /Invalid entity type "Tickett"/);
  });

  it('describes user-defined fields with getUDFInfo (text and list)', async () => {
    const ticket = fields(resultOf(await call(sim, 'getUDFInfo', '<psTable>Ticket</psTable>'), 'getUDFInfoResult'));
    assert.deepEqual(
      ticket.map((f) => childText(f, 'Name')),
      ['Room', 'Asset Tag', 'Customer Mood', 'Attributes'],
    );
    const mood = ticket.find((f) => childText(f, 'Name') === 'Customer Mood')!;
    assert.equal(childText(mood, 'IsPickList'), 'true');
    assert.deepEqual(
      picklist(mood).map((v) => v.label),
      ['Happy', 'Neutral', 'Unhappy'],
    );
    const account = fields(resultOf(await call(sim, 'getUDFInfo', '<psTable>Account</psTable>'), 'getUDFInfoResult'));
    assert.ok(account.length >= 2);
  });

  it('renders invoice markup as HTML and as XML from the stored invoice', async () => {
    const html = resultOf(await call(sim, 'GetInvoiceMarkup', '<InvoiceId>3</InvoiceId><Format>html</Format>'), 'GetInvoiceMarkupResult').text;
    assert.match(html, /^<html>/);
    const invoice = sim.store.get('Invoice', 3)!;
    assert.match(html, new RegExp(String(invoice.values['InvoiceNumber'])));
    assert.match(html, new RegExp((invoice.values['InvoiceTotal'] as number).toFixed(2).replace('.', '\\.')));
    const xml = resultOf(await call(sim, 'GetInvoiceMarkup', '<InvoiceId>3</InvoiceId><Format>XML</Format>'), 'GetInvoiceMarkupResult').text;
    const doc = parseXml(xml);
    assert.equal(childElements(childElement(doc, 'line_items')!, 'line_item').length, 4);
    assert.match(faultOf(await call(sim, 'GetInvoiceMarkup', '<InvoiceId>99</InvoiceId><Format>HTML</Format>')), /Invoice 99 does not exist/);
    assert.match(faultOf(await call(sim, 'GetInvoiceMarkup', '<InvoiceId>3</InvoiceId><Format>PDF</Format>')), /HTML or XML/);
  });

  it('creates, reads and deletes attachments', async () => {
    const data = Buffer.from('hello attachment \u00e9').toString('base64');
    const info =
      '<Info><ParentID>1</ParentID><ParentType>4</ParentType><Type>FILE_ATTACHMENT</Type><Title>note.txt</Title>' +
      '<FullPath>note.txt</FullPath><Publish>1</Publish></Info>';
    const created = resultOf(await call(sim, 'CreateAttachment', `<attachment><Data>${data}</Data>${info}</attachment>`), 'CreateAttachmentResult');
    const id = Number(created.text);
    assert.ok(id > 0);
    const got = resultOf(await call(sim, 'GetAttachment', `<attachmentId>${id}</attachmentId>`), 'GetAttachmentResult');
    assert.equal(Buffer.from(childText(got, 'Data') ?? '', 'base64').toString(), 'hello attachment \u00e9');
    const gotInfo = childElement(got, 'Info')!;
    assert.equal(childText(gotInfo, 'Title'), 'note.txt');
    assert.equal(childText(gotInfo, 'ContentType'), 'text/plain');
    assert.equal(childText(gotInfo, 'FileSize'), String(Buffer.from(data, 'base64').length));
    const badParent = await call(
      sim,
      'CreateAttachment',
      `<attachment><Data>${data}</Data>${info.replace('<ParentID>1<', '<ParentID>77777<')}</attachment>`,
    );
    assert.match(faultOf(badParent), /Ticket 77777 does not exist/);
    const deleted = resultOf(await call(sim, 'DeleteAttachment', `<attachmentId>${id}</attachmentId>`), 'DeleteAttachmentResult');
    assert.equal(deleted.text, '');
    const again = resultOf(await call(sim, 'DeleteAttachment', `<attachmentId>${id}</attachmentId>`), 'DeleteAttachmentResult');
    assert.match(again.text, /does not exist/);
    assert.equal(
      childText(resultOf(await call(sim, 'GetAttachment', `<attachmentId>${id}</attachmentId>`), 'GetAttachmentResult'), 'Data'),
      undefined,
    );
  });

  it('refuses attachments past 10,000,000 bytes in five minutes, then every attachment of that integration for five minutes', async () => {
    const own = await startSimulator({ tickets: 2 });
    try {
      const info = (title: string): string =>
        `<Info><ParentID>1</ParentID><ParentType>4</ParentType><Type>FILE_ATTACHMENT</Type><Title>${title}</Title>` +
        `<FullPath>${title}</FullPath><Publish>1</Publish></Info>`;
      const upload = (bytes: number, title: string, options: { version?: '1.5' | '1.6'; header?: string } = {}) =>
        call(own, 'CreateAttachment', `<attachment><Data>${Buffer.alloc(bytes, 7).toString('base64')}</Data>${info(title)}</attachment>`, options);
      const first = resultOf(await upload(5_000_001, 'first.bin'), 'CreateAttachmentResult');
      assert.ok(Number(first.text) > 0);
      assert.match(
        faultOf(await upload(5_000_001, 'second.bin')),
        /Attachment upload limit exceeded: 5000001 bytes were uploaded within the last five minutes.*at most 10000000/,
      );
      assert.match(faultOf(await upload(10, 'small.txt')), /attachments are refused until /);
      assert.equal(own.store.count('AttachmentInfo'), 1, 'neither refused attachment was stored');
      // The budget is the integration's: 1.5 without an integration code is tracked by its user.
      assert.ok(Number(resultOf(await upload(10, 'other.txt', { version: '1.5', header: '' }), 'CreateAttachmentResult').text) > 0);
      // One file over the size limit is refused on its own (6-7 MB).
      assert.match(faultOf(await upload(6_291_457, 'big.bin', { version: '1.5', header: '' })), /at most 6291456/);
    } finally {
      await own.close();
    }
  });

  it("counts requests in the usage window and reports them in the API's message format", async () => {
    const before = sim.usageCount();
    const raw = await call(sim, 'getThresholdAndUsageInfo', '');
    const answer = atwsResult(raw, 'getThresholdAndUsageInfoResult');
    assert.equal(answer.returnCode, 1);
    // As a captured answer: an empty EntityResultType, the figures in the one EntityReturnInfo's Message.
    const result = resultOf(raw, 'getThresholdAndUsageInfoResult');
    assert.deepEqual(
      result.children.map((c) => c.name),
      ['ReturnCode', 'EntityResults', 'EntityResultType', 'Errors', 'EntityReturnInfoResults'],
    );
    assert.equal(answer.entityResultType, '');
    const message = answer.returnInfos[0]?.message ?? '';
    assert.match(message, /^ThresholdOfExternalRequest: 10000; TimeframeOfLimitation: 60; numberOfExternalRequest: (\d+);$/);
    assert.equal(Number(/numberOfExternalRequest: (\d+)/.exec(message)?.[1]), before + 1);
    // Anonymous calls are not counted.
    await call(sim, 'getZoneInfo', `<UserName>${xmlEscape('x@y')}</UserName>`, { auth: null, header: '' });
    assert.equal(sim.usageCount(), before + 1);
  });
});
