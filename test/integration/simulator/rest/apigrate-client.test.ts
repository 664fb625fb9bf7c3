/**
 * A REST client nobody here wrote, against the simulator: `@apigrate/autotask-restapi` (the most
 * used Node client of Autotask's REST API, from the npm registry), its base URL pointed at the
 * simulator, runs a tenant workflow as it would against production: zone lookup, entity and field
 * information with picklists, filters and groups, paging past 500, counts, create, PATCH, PUT,
 * UDFs, a child entity through its parent, a refused delete, a ticket attachment, errors and thresholds.
 *
 * How it builds requests (read in node_modules/@apigrate/autotask-restapi/index.js): it looks the
 * zone up at `${base_url}v1.0/zoneInformation?user=` and then sends everything to
 * `${zoneInfo.url}V1.0/<path>` with the headers `ApiIntegrationcode`, `UserName`, `Secret`;
 * `query` and `count` are POSTs, `update` PATCH, `replace` PUT, child entities go through
 * `/<Parent>/<parentId>/<Child>`; a 404 answers null, other failures throw an AutotaskApiError
 * carrying the status and the parsed body. It has no call for ThresholdInformation (its
 * `ThresholdInformation.get()` asks `/ThresholdInformation/<id>`), so the test asks through the
 * client's own request method.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator } from '../../../../simulator/index.js';

type Json = Record<string, any>;

interface EntityApi {
  query(search: Json): Promise<Json>;
  count(search: Json): Promise<Json>;
  get(id: number): Promise<Json | null>;
  create(body: Json): Promise<Json>;
  update(body: Json): Promise<Json>;
  replace(body: Json): Promise<Json>;
  delete(id: number): Promise<Json>;
  info(): Promise<Json>;
  fieldInfo(): Promise<Json>;
  udfInfo(): Promise<Json>;
}

interface ChildApi {
  create(parentId: number, body: Json): Promise<Json>;
  update(parentId: number, body: Json): Promise<Json>;
  delete(parentId: number, id: number): Promise<Json>;
}

interface AutotaskRestApi {
  zoneInfo: Json | null;
  Tickets: EntityApi;
  Companies: EntityApi;
  Contacts: EntityApi;
  TicketNotes: EntityApi & ChildApi;
  CompanyContacts: ChildApi;
  /** Its attachment children: `get(parentId, id)` reads the parent route, the one that answers the data. */
  TicketAttachments: ChildApi & { get(parentId: number, id: number): Promise<Json | null> };
  AttachmentInfo: EntityApi;
  _get(endpoint: string): Promise<Json>;
}

interface AutotaskApiError extends Error {
  status: number;
  details: Json | string;
}

const require = createRequire(import.meta.url);
const client = require('@apigrate/autotask-restapi') as {
  AutotaskRestApi: new (user: string, secret: string, code: string, options: { base_url: string }) => AutotaskRestApi;
  AutotaskApiError: new (...args: never[]) => AutotaskApiError;
  FilterOperators: Record<string, string>;
};
const { FilterOperators: op } = client;

let sim: RunningSimulator;
let at: AutotaskRestApi;
before(async () => {
  sim = await startSimulator({ tickets: 1200 });
  at = new client.AutotaskRestApi(SIMULATOR_DEFAULTS.username, SIMULATOR_DEFAULTS.password, SIMULATOR_DEFAULTS.integrationCode, {
    base_url: sim.restUrl,
  });
});
after(() => sim.close());

async function apiError(work: Promise<unknown>): Promise<AutotaskApiError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof client.AutotaskApiError, String(error));
    return error;
  }
  assert.fail('the call was not refused');
}

describe('@apigrate/autotask-restapi against the simulator', () => {
  it('looks the zone up on its first call and reads the root company', async () => {
    const root = await at.Companies.get(0);
    assert.equal(at.zoneInfo?.['url'], sim.restUrl);
    assert.equal(root?.['item'].id, 0);
    assert.equal(root?.['item'].companyName, 'Simulated MSP (Owner)');
    assert.deepEqual(await at.Companies.get(9999999), { item: null });
  });

  it('reads entity and field information with picklists, and UDF definitions', async () => {
    const info = (await at.Tickets.info())['info'];
    assert.equal(info.canCreate, true);
    assert.equal(info.canDelete, false);
    const fields = (await at.Tickets.fieldInfo())['fields'] as Json[];
    const priority = fields.find((f) => f['name'] === 'priority')!;
    assert.equal(priority['isPickList'], true);
    assert.deepEqual(
      (priority['picklistValues'] as Json[]).filter((v) => v['isActive']).map((v) => [v['value'], v['label']]),
      [
        ['1', 'High'],
        ['2', 'Medium'],
        ['3', 'Low'],
        ['4', 'Critical'],
      ],
    );
    const udfs = (await at.Tickets.udfInfo())['fields'] as Json[];
    assert.deepEqual(
      udfs.map((u) => u['name']),
      ['Room', 'Asset Tag', 'Customer Mood', 'Attributes'],
    );
  });

  it('queries with filters and groups, counts, and pages past 500 by id', async () => {
    const grouped = await at.Tickets.query({
      filter: [
        { op: op['lte']!, field: 'id', value: 50 },
        {
          op: 'or',
          items: [
            { op: op['eq']!, field: 'priority', value: 1 },
            { op: op['beginsWith']!, field: 'Title', value: 'printer' },
          ],
        },
      ],
    });
    const expected = [...sim.store.scan('Ticket', 1, 50)]
      .filter((t) => t.values['Priority'] === 1 || String(t.values['Title']).toLowerCase().startsWith('printer'))
      .map((t) => t.id);
    assert.deepEqual(
      (grouped['items'] as Json[]).map((t) => t['id']),
      expected,
    );
    assert.deepEqual(await at.Tickets.count({ filter: [{ op: op['gte']!, field: 'Id', value: 0 }] }), { queryCount: 1200 });
    // The documented alternative to following nextPageUrl: query again from the last id.
    const seen: number[] = [];
    let page = await at.Tickets.query({ filter: [{ op: op['gte']!, field: 'id', value: 0 }], includeFields: ['id'] });
    assert.match(page['pageDetails'].nextPageUrl, /\/V1\.0\/Tickets\/query\/next\?paging=/);
    for (;;) {
      const items = page['items'] as Json[];
      seen.push(...items.map((t) => t['id'] as number));
      if (items.length < 500) break;
      page = await at.Tickets.query({ filter: [{ op: op['gt']!, field: 'id', value: seen[seen.length - 1] }], includeFields: ['id'] });
    }
    assert.equal(seen.length, 1200);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
  });

  it('creates, PATCHes and PUTs a ticket, with UDFs, and reads what it wrote back', async () => {
    const { itemId } = await at.Tickets.create({
      companyID: 0,
      title: 'Printer offline',
      description: 'Tray 2',
      priority: 2,
      status: 1,
      dueDateTime: '2030-01-02T09:00:00',
    });
    assert.ok(itemId > 1200);
    assert.deepEqual(await at.Tickets.update({ id: itemId, title: 'Printer offline again', userDefinedFields: [{ name: 'Room', value: '12B' }] }), {
      itemId,
    });
    let ticket = (await at.Tickets.get(itemId))!['item'];
    assert.equal(ticket.title, 'Printer offline again');
    assert.equal(ticket.description, 'Tray 2');
    assert.equal(ticket.dueDateTime, '2030-01-02T09:00:00.000Z');
    assert.equal((ticket.userDefinedFields as Json[]).find((u) => u['name'] === 'Room')?.['value'], '12B');
    const byUdf = await at.Tickets.query({ filter: [{ op: op['eq']!, field: 'Room', udf: true, value: '12B' }] });
    assert.ok((byUdf['items'] as Json[]).some((t) => t['id'] === itemId));
    await at.Tickets.replace({ id: itemId, companyID: 0, title: 'Replaced', priority: 3, status: 1 });
    ticket = (await at.Tickets.get(itemId))!['item'];
    assert.equal(ticket.title, 'Replaced');
    assert.equal(ticket.description, null);
    assert.equal(ticket.dueDateTime, null);
    // UDFs a PUT leaves out keep their values (the UDF page: absent UDFs are not changed).
    assert.equal((ticket.userDefinedFields as Json[]).find((u) => u['name'] === 'Room')?.['value'], '12B');
  });

  it('creates child entities through their parent, and is refused a delete the API does not offer', async () => {
    const fields = (await at.TicketNotes.fieldInfo())['fields'] as Json[];
    const firstValue = (name: string): number =>
      Number((fields.find((f) => f['name'] === name)!['picklistValues'] as Json[]).find((v) => v['isActive'])!['value']);
    const { itemId: noteId } = await at.TicketNotes.create(7, {
      title: 'Called back',
      description: 'Left a message',
      noteType: firstValue('noteType'),
      publish: firstValue('publish'),
    });
    assert.equal((await at.TicketNotes.get(noteId))!['item'].ticketID, 7);
    const { itemId: contactId } = await at.CompanyContacts.create(0, {
      companyID: 0,
      firstName: 'Tester',
      middleInitial: 'X',
      lastName: 'Testington',
      isActive: 0,
    });
    await at.CompanyContacts.update(0, { id: contactId, firstName: 'Ingrid' });
    const contact = (await at.Contacts.get(contactId))!['item'];
    assert.deepEqual([contact.firstName, contact.middleInitial, contact.companyID, contact.isActive], ['Ingrid', 'X', 0, 0]);
    // Companies have no DELETE: 405 with ASP.NET's Message.
    const refused = await apiError(at.Companies.delete(29683505));
    assert.equal(refused.status, 405);
    assert.deepEqual(refused.details, { Message: "The requested resource does not support http method 'DELETE'." });
    assert.ok(sim.store.get('Account', 29683505));
    // A Contact may be deleted through its company.
    assert.deepEqual(await at.CompanyContacts.delete(0, contactId), { itemId: contactId });
    assert.deepEqual(await at.Contacts.get(contactId), { item: null });
  });

  it('attaches a file to a ticket, reads its bytes back through the parent and deletes it', async () => {
    const bytes = Buffer.from('PDF-ish \u0000\u00ff bytes \u00e9', 'latin1');
    const { itemId } = await at.TicketAttachments.create(7, {
      id: 0,
      attachmentType: 'FILE_ATTACHMENT',
      fullPath: 'scan.pdf',
      title: 'Scan',
      publish: 1,
      data: bytes.toString('base64'),
    });
    const got = await at.TicketAttachments.get(7, itemId);
    assert.equal(got?.['items'][0].id, itemId);
    assert.deepEqual(Buffer.from(got?.['items'][0].data, 'base64'), bytes);
    assert.equal(got?.['items'][0].contentType, 'application/pdf');
    const info = (await at.AttachmentInfo.get(itemId))!['item'];
    assert.deepEqual([info.parentID, info.title, info.fileSize], [7, 'Scan', bytes.length]);
    assert.deepEqual(await at.TicketAttachments.delete(7, itemId), { itemId });
    assert.deepEqual(await at.TicketAttachments.get(7, itemId), { items: [] });
  });

  it('gets the API\'s errors as AutotaskApiError with status and {"errors": [...]}', async () => {
    const missing = await apiError(at.Tickets.create({ title: 'No company' }));
    assert.equal(missing.status, 500);
    assert.deepEqual(missing.details, { errors: ['Value does not exist for the required field companyID.'] });
    const unknown = await apiError(at.Tickets.query({ filter: [{ op: op['eq']!, field: 'limit', value: 5 }] }));
    assert.deepEqual(unknown.details, { errors: ['Unable to find limit in the Ticket Entity.'] });
    const wrongSecret = new client.AutotaskRestApi(SIMULATOR_DEFAULTS.username, 'wrong', SIMULATOR_DEFAULTS.integrationCode, {
      base_url: sim.restUrl,
    });
    assert.equal((await apiError(wrongSecret.Companies.get(0))).status, 401);
    const wrongCode = new client.AutotaskRestApi(SIMULATOR_DEFAULTS.username, SIMULATOR_DEFAULTS.password, 'NOT-THE-CODE', { base_url: sim.restUrl });
    assert.deepEqual((await apiError(wrongCode.Companies.get(0))).details, { errors: ['IntegrationCode is invalid.'] });
  });

  it('reads the usage threshold, shared with SOAP', async () => {
    const usage = await at._get('/ThresholdInformation');
    assert.equal(usage['externalRequestThreshold'], 10000);
    assert.equal(usage['requestThresholdTimeframe'], 60);
    assert.equal(usage['currentTimeframeRequestCount'], sim.usageCount());
  });
});
