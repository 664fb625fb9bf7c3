// The REST front's attachment routes, `/V1.0/{Parent}/{parentId}/Attachments[/{id}]`, over the
// tenant's one attachment store: what the SOAP front stores they read and delete, and back, and
// the upload budget counts both fronts' bytes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.js';
import { ATTACHMENT_BYTES_PER_WINDOW } from '../../../../simulator/tenant/attachment-budget.js';
import { MAX_ATTACHMENT_BYTES } from '../../../../simulator/tenant/attachments.js';
import { connectTo } from '../../client/sim-connect.js';
import { errorsOf, okJson, rest } from './rest-helpers.js';

/** Every byte value, then text that is not ASCII: base64 must carry them exactly. */
const BYTES = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('r\u00e9sum\u00e9 \u2713\n', 'utf8')]);

const body = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 0,
  attachmentType: 'FILE_ATTACHMENT',
  fullPath: 'report.bin',
  title: 'report',
  publish: 1,
  data: BYTES.toString('base64'),
  ...extra,
});

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 5 });
});
after(() => sim.close());

describe('REST attachment routes', () => {
  it('creates through the parent, reads the bytes by id (items), lists without data, deletes', async () => {
    const created = okJson(await rest(sim, 'POST', 'V1.0/Tickets/2/Attachments', { body: body() }));
    const id = created.itemId as number;
    assert.ok(Number.isSafeInteger(id) && id > 0, JSON.stringify(created));

    const got = okJson(await rest(sim, 'GET', `V1.0/Tickets/2/Attachments/${id}`));
    assert.equal(got.items.length, 1);
    const [item] = got.items;
    assert.equal(item.id, id);
    assert.deepEqual(Buffer.from(item.data, 'base64'), BYTES);
    assert.equal(item.title, 'report');
    assert.equal(item.attachmentType, 'FILE_ATTACHMENT');
    assert.equal(item.parentID, 2);
    assert.equal(item.fileSize, BYTES.length);
    assert.match(item.attachDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const list = okJson(await rest(sim, 'GET', 'V1.0/tickets/2/attachments'));
    assert.deepEqual(
      list.items.map((i: { id: number; data: unknown }) => [i.id, i.data]),
      [[id, null]],
    );
    const info = okJson(await rest(sim, 'GET', `V1.0/AttachmentInfo/${id}`)).item;
    assert.equal(info.parentID, 2);
    assert.equal(info.parentType, item.parentType);
    assert.equal('data' in info, false);

    // Another parent's route does not reach it.
    assert.deepEqual(okJson(await rest(sim, 'GET', `V1.0/Tickets/3/Attachments/${id}`)), { items: [] });
    assert.match(errorsOf(await rest(sim, 'DELETE', `V1.0/Tickets/3/Attachments/${id}`))[0] ?? '', /No matching records found/);

    assert.deepEqual(okJson(await rest(sim, 'DELETE', `V1.0/Tickets/2/Attachments/${id}`)), { itemId: id });
    assert.deepEqual(okJson(await rest(sim, 'GET', `V1.0/Tickets/2/Attachments/${id}`)), { items: [] });
    assert.deepEqual(okJson(await rest(sim, 'GET', `V1.0/AttachmentInfo/${id}`)), { item: null });
    assert.match(errorsOf(await rest(sim, 'DELETE', `V1.0/Tickets/2/Attachments/${id}`))[0] ?? '', /No matching records found/);
  });

  it('serves the store the SOAP front writes, and SOAP reads what REST created', async () => {
    const soap = await connectTo(sim.url);
    try {
      const ap = await soap.picklist('AttachmentInfo');
      const ticket = ap.ParentType.get('Ticket');
      const id = await soap.createAttachment({
        data: BYTES,
        info: {
          ParentID: 1,
          ParentType: ticket,
          Type: ap.Type.get('File Attachment'),
          Title: 'via soap',
          FullPath: 'a.txt',
          Publish: ap.Publish.get('All Autotask Users'),
        },
      });
      const item = okJson(await rest(sim, 'GET', `V1.0/Tickets/1/Attachments/${id}`)).items[0];
      assert.deepEqual(Buffer.from(item.data, 'base64'), BYTES);
      assert.equal(item.title, 'via soap');
      assert.equal(item.contentType, 'text/plain');

      const restId = okJson(await rest(sim, 'POST', 'V1.0/Tickets/1/Attachments', { body: body({ title: 'via rest' }) })).itemId as number;
      const back = await soap.getAttachment(restId);
      assert.deepEqual(back?.data, BYTES);
      assert.equal(back?.info?.Title, 'via rest');
      assert.equal(back?.info?.ParentType, ticket);
      assert.equal(await soap.deleteAttachment(restId), '');
      assert.deepEqual(okJson(await rest(sim, 'DELETE', `V1.0/Tickets/1/Attachments/${id}`)), { itemId: id });
      assert.equal(await soap.getAttachment(id), undefined);
    } finally {
      soap.close();
    }
  });

  it('takes the parent id field beside the URL when it names the same parent (n8n-nodes-autotask sends ticketID)', async () => {
    const id = okJson(await rest(sim, 'POST', 'V1.0/Tickets/4/Attachments', { body: body({ ticketID: 4, ticketNoteID: null }) })).itemId as number;
    assert.equal(sim.store.get('AttachmentInfo', id)?.values['ParentID'], 4);
  });

  it('attaches to each parent whose SOAP entity is a ParentType: Companies are Accounts', async () => {
    const id = okJson(await rest(sim, 'POST', 'V1.0/Companies/0/Attachments', { body: body() })).itemId as number;
    assert.equal(okJson(await rest(sim, 'GET', `V1.0/Companies/0/Attachments/${id}`)).items[0].parentID, 0);
    assert.equal(sim.store.get('AttachmentInfo', id)?.values['ParentType'], 1, 'the Account ParentType');
  });

  it('refuses what cannot be stored with {"errors": [...]}, storing nothing', async () => {
    const count = (): number => [...sim.store.scan('AttachmentInfo')].length;
    const before = count();
    const refused = async (path: string, sent: unknown, pattern: RegExp): Promise<void> => {
      const errors = errorsOf(await rest(sim, 'POST', path, { body: sent }));
      assert.match(errors.join(' '), pattern);
    };
    await refused('V1.0/Tickets/1/Attachments', body({ data: 'not base64!' }), /data must be base64/);
    await refused('V1.0/Tickets/1/Attachments', body({ data: 42 }), /data must be base64/);
    await refused('V1.0/Tickets/999999/Attachments', body(), /parent Ticket 999999 does not exist/);
    await refused('V1.0/Tickets/1/Attachments', body({ title: null }), /required field title/);
    await refused('V1.0/Tickets/1/Attachments', body({ parentID: 2 }), /parentID 2 is not the Tickets parent/);
    await refused('V1.0/Tickets/1/Attachments', body({ id: 7 }), /id must be 0/);
    await refused('V1.0/Tickets/1/Attachments', body({ ticketID: 2 }), /ticketID 2 is not the Tickets parent/);
    await refused('V1.0/Tickets/1/Attachments', body({ colour: 'red' }), /Unable to find colour in the AttachmentInfo Entity/);
    await refused('V1.0/Tickets/1/Attachments', [body()], /one attachment as a JSON object/);
    await refused('V1.0/Tickets/1/Attachments', body({ data: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1).toString('base64') }), /at most 6291456/);
    // TicketNotes take attachments in the API; this tenant's ParentType picklist has no TicketNote.
    await refused('V1.0/TicketNotes/1/Attachments', body(), /keeps no attachments of TicketNotes/);
    assert.equal(count(), before);
  });

  it('answers 404 where no attachment route is, 405 for a method the route lacks', async () => {
    assert.equal((await rest(sim, 'POST', 'V1.0/Contracts/1/Attachments', { body: body() })).status, 404);
    const put = await rest(sim, 'PUT', 'V1.0/Tickets/1/Attachments', { body: body() });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST');
    assert.equal((await rest(sim, 'DELETE', 'V1.0/Tickets/1/Attachments')).status, 405);
    assert.equal((await rest(sim, 'POST', 'V1.0/Tickets/1/Attachments/5')).status, 405);
    assert.equal((await rest(sim, 'GET', 'V1.0/Tickets/1/Attachments/5/more')).status, 404);
  });

  it("counts REST uploads in the integration's budget with SOAP's", async () => {
    const budgetSim = await startSimulator({ tickets: 1 });
    const soap = await connectTo(budgetSim.url);
    try {
      const ap = await soap.picklist('AttachmentInfo');
      const big = Buffer.alloc(MAX_ATTACHMENT_BYTES, 7);
      await soap.createAttachment({
        data: big,
        info: {
          ParentID: 1,
          ParentType: ap.ParentType.get('Ticket'),
          Type: ap.Type.get('File Attachment'),
          Title: 'big',
          FullPath: 'big.bin',
          Publish: ap.Publish.get('All Autotask Users'),
        },
      });
      const rest2 = Buffer.alloc(ATTACHMENT_BYTES_PER_WINDOW - MAX_ATTACHMENT_BYTES + 1, 8).toString('base64');
      const errors = errorsOf(await rest(budgetSim, 'POST', 'V1.0/Tickets/1/Attachments', { body: body({ data: rest2 }) }));
      assert.match(errors[0] ?? '', /Attachment upload limit exceeded: 6291456 bytes were uploaded/);
      // Refused for five minutes now, however small.
      assert.match(errorsOf(await rest(budgetSim, 'POST', 'V1.0/Tickets/1/Attachments', { body: body() }))[0] ?? '', /upload limit exceeded/);
    } finally {
      soap.close();
      await budgetSim.close();
    }
  });
});
