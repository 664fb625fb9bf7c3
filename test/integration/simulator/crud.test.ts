import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  atwsResult,
  call,
  entity,
  f,
  faultOf,
  envelope,
  fieldText,
  ids,
  integrationHeader,
  mutate,
  post,
  query,
  qx,
  storedEntity,
  udfValue,
} from './soap-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 100 });
});
after(() => sim.close());

const validTicket = (title: string, extra: Record<string, string | number> = {}): Record<string, string | number> => ({
  Title: title,
  AccountID: 0,
  DueDateTime: '2025-03-10T17:00:00',
  Priority: 2,
  Status: 1,
  QueueID: 8,
  ...extra,
});

describe('simulator create/update/delete', () => {
  it('creates a ticket, fills the server fields, ignores read-only fields; the answer is reliable for the id only', async () => {
    const result = await mutate(sim, 'create', [
      entity('Ticket', validTicket('Created by test', { TicketNumber: 'T-MINE', IssueType: 3, SubIssueType: 11 }), {
        Room: '4C',
        'Customer Mood': '1',
      }),
    ]);
    assert.equal(result.returnCode, 1, result.errors.join('; '));
    assert.equal(result.entityResultType, 'ticket');
    const [created] = result.entities;
    assert.ok(created);
    const id = Number(fieldText(created, 'id'));
    assert.ok(id > 100);
    // Captured create answers say DatabaseAction None, with no Message.
    assert.deepEqual(result.returnInfos, [{ id, action: 'None', message: '' }]);
    assert.equal(fieldText(created, 'DueDateTime'), '2025-03-10T17:00:00');
    assert.equal(udfValue(created, 'Room'), '4C');
    const stored = sim.store.get('Ticket', id);
    assert.equal(stored?.values['Title'], 'Created by test');
    assert.match(String(stored?.values['TicketNumber']), /^T\d{8}\.\d{4}$/);
    assert.ok(stored?.values['CreateDate'] instanceof Date);
    // CreateCall: "do not rely on the rest of the content": the computed fields are not in the answer yet
    // (a string field always comes, so an unset one is an empty element: API return values page).
    assert.equal(fieldText(created, 'TicketNumber'), '');
    assert.equal(fieldText(created, 'CreateDate'), undefined);
    assert.equal(fieldText(created, 'LastActivityDate'), undefined);
    // DueDateTime is Eastern wall time: 17:00 EDT on 10 March 2025 is 21:00 UTC.
    assert.equal((stored?.values['DueDateTime'] as Date).toISOString(), '2025-03-10T21:00:00.000Z');
  });

  it('refuses the whole call when any entity fails, naming each bad one by a reason and a record-number message', async () => {
    const before = sim.store.count('Ticket');
    const result = await mutate(sim, 'create', [
      entity('Ticket', validTicket('first good')),
      entity('Ticket', { AccountID: 0, DueDateTime: '2025-03-10T17:00:00', Priority: 2, Status: 1 }),
      entity('Ticket', validTicket('bad status', { Status: 99 })),
      entity('Ticket', validTicket('inactive status', { Status: 17 })),
      entity('Ticket', validTicket('bad account', { AccountID: 424242 })),
      entity('Ticket', validTicket('x'.repeat(256))),
      entity('Ticket', validTicket('wrong child', { IssueType: 4, SubIssueType: 11 })),
      entity('Ticket', validTicket('bad number', { Priority: 'high' })),
      entity('Ticket', validTicket('bad field', { Colour: 'red' })),
      entity('Ticket', validTicket('bad udf'), { 'Customer Mood': '9' }),
      entity('Resource', { FirstName: 'No', LastName: 'Create' }),
      entity('Ticket', validTicket('proto field', { __proto__x: 1 })),
      entity('Ticket', validTicket('skipped hour', { DueDateTime: '2025-03-09T02:30:00' })),
      entity('Ticket', validTicket('last good')),
    ]);
    assert.equal(result.returnCode, -1);
    assert.deepEqual(result.entities, [], 'a refused call answers no entities');
    assert.equal(sim.store.count('Ticket'), before, 'and saved none, the good ones included');
    const titles = [...sim.store.scan('Ticket')].map((r) => r.values['Title']);
    assert.ok(!titles.includes('first good') && !titles.includes('last good'));
    // A required field without a value comes in one message with its record number, as in production.
    assert.equal(result.errors[0], 'Value does not exist for the required field Title. ; on record number [2].');
    result.errors.shift();
    const expectations: Array<[number, RegExp]> = [
      [3, /99 is not a value of the picklist Ticket\.Status/],
      [4, /inactive/],
      [5, /Account 424242, which does not exist/],
      [6, /256 characters long; its maximum length is 255/],
      [7, /does not belong under IssueType 4/],
      [8, /Invalid value "high" for the integer field Priority/],
      [9, /field Colour does not exist/],
      [10, /"9" is not a valid value of the user-defined list field "Customer Mood"/],
      [11, /Resource entity cannot be created/],
      [12, /field __proto__x does not exist/],
      // Time and date page: a local time in the spring-forward gap is an error.
      [13, /^The supplied DateTime represents an invalid time\..*\(2025-03-09T02:30:00\) Field DueDateTime/],
    ];
    assert.equal(result.errors.length, expectations.length * 2);
    expectations.forEach(([record, reason], i) => {
      assert.match(result.errors[2 * i] ?? '', reason);
      assert.doesNotMatch(result.errors[2 * i] ?? '', /record number/);
      assert.equal(result.errors[2 * i + 1], `Error creating entity for record number [${record}].`);
    });
  });

  it('answers a clear error, not a TypeError, for fields named like Object members', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const result = await mutate(sim, 'create', [entity('Ticket', validTicket('odd name', { [name]: 1 }))]);
      assert.equal(result.returnCode, -1);
      assert.equal(result.errors[0], `The field ${name} does not exist on the Ticket entity.`);
    }
  });

  it('refuses more than 200 entities in one call and stores none of them', async () => {
    const before = sim.store.count('Ticket');
    const result = await mutate(
      sim,
      'create',
      Array.from({ length: 201 }, (_, i) => entity('Ticket', validTicket(`bulk ${i}`))),
    );
    assert.equal(result.returnCode, -1);
    assert.match(result.errors[0] ?? '', /at most 200/);
    assert.equal(sim.store.count('Ticket'), before);
    const ok = await mutate(
      sim,
      'create',
      Array.from({ length: 200 }, (_, i) => entity('Ticket', validTicket(`bulk ${i}`))),
    );
    assert.equal(ok.returnCode, 1);
    assert.equal(ok.entities.length, 200);
  });

  it('updates every writable field: those sent take the value, those left out are cleared, read-only ones stay', async () => {
    const before = sim.store.get('Ticket', 5);
    assert.ok(before);
    const lastActivity = new Date('2024-05-01T12:00:00Z');
    const values = { ...before.values, Description: 'kept when sent back', Resolution: 'to be cleared', LastActivityDate: lastActivity };
    sim.store.replace('Ticket', before, values, before.udfs);
    const creator = before.values['CreatorResourceID'];
    // Everything the store holds, Title and Status changed, Resolution left out, a read-only field sent.
    const sent = storedEntity(sim, 'Ticket', 5, { Title: 'Renamed', Status: 5, Resolution: null }, { Room: 'Basement' }).replace(
      '</Entity>',
      '<CreatorResourceID xsi:type="xsd:int">424242</CreatorResourceID></Entity>',
    );
    const result = await mutate(sim, 'update', [sent]);
    assert.equal(result.returnCode, 1, result.errors.join('; '));
    assert.deepEqual(result.returnInfos, [{ id: 5, action: 'None', message: '' }]);
    const after = sim.store.get('Ticket', 5);
    assert.equal(after?.values['Title'], 'Renamed');
    assert.equal(after?.values['Description'], 'kept when sent back');
    assert.equal(after?.values['Resolution'], undefined, 'a writable field not sent is cleared');
    assert.equal(after?.values['CreatorResourceID'], creator, 'read-only fields are ignored');
    assert.ok(after?.values['CompletedDate'] instanceof Date);
    assert.equal(after?.udfs?.get('Room'), 'Basement');
    assert.equal(udfValue(result.entities[0]!, 'Room'), 'Basement');
    // update(): "use the entity returned to obtain the id only": computed fields are as before the call.
    assert.equal(fieldText(result.entities[0]!, 'CompletedDate'), undefined);
    assert.ok((after?.values['LastActivityDate'] as Date).getTime() > lastActivity.getTime(), 'stored: stamped now');
    assert.equal(fieldText(result.entities[0]!, 'LastActivityDate'), '2024-05-01T08:00:00', 'answered: the value before the call');
  });

  it('clears a field sent empty or nil, keeps UDFs not sent, and refuses clearing a required field', async () => {
    const id = 8;
    const record = sim.store.get('Ticket', id)!;
    sim.store.replace('Ticket', record, { ...record.values, Description: 'has text' }, new Map([['Room', '9F']]));
    const emptied = storedEntity(sim, 'Ticket', id).replace(/<Description[^>]*>[^<]*<\/Description>/, '<Description xsi:nil="true"/>');
    const withoutUdfs = storedEntity(sim, 'Ticket', id).replace(/<UserDefinedFields>.*<\/UserDefinedFields>/, '');
    assert.doesNotMatch(withoutUdfs, /Room/);
    const ok = await mutate(sim, 'update', [withoutUdfs]);
    assert.equal(ok.returnCode, 1, ok.errors.join('; '));
    assert.equal(sim.store.get('Ticket', id)?.udfs?.get('Room'), '9F', 'UDFs not sent keep their values (UDF page)');
    const nil = await mutate(sim, 'update', [emptied]);
    assert.equal(nil.returnCode, 1, nil.errors.join('; '));
    assert.equal(sim.store.get('Ticket', id)?.values['Description'], undefined);
    const noTitle = await mutate(sim, 'update', [
      storedEntity(sim, 'Ticket', id).replace(/<Title[^>]*>[^<]*<\/Title>/, '<Title xsi:type="xsd:string"/>'),
    ]);
    assert.deepEqual(noTitle.errors, ['Value does not exist for the required field Title. ; on record number [1].']);
  });

  it('refuses an update call as a whole: a required field left out, no id, a missing entity', async () => {
    const description = sim.store.get('Ticket', 7)?.values['Description'];
    const result = await mutate(sim, 'update', [
      entity('Ticket', { id: 6, Title: 'only the title' }),
      entity('Ticket', { Title: 'no id' }),
      storedEntity(sim, 'Ticket', 7, { Description: 'fine' }),
    ]);
    assert.equal(result.returnCode, -1);
    assert.deepEqual(result.errors, [
      'Value does not exist for the required field AccountID. ; on record number [1].',
      'The Ticket entity has no valid id ("").',
      'Error updating entity for record number [2].',
    ]);
    assert.deepEqual(ids(result), []);
    assert.equal(sim.store.get('Ticket', 7)?.values['Description'], description, 'the good entity was not saved either');
    // An id that does not exist refuses the call by the return values page's one message, naming no record.
    const ghost = await mutate(sim, 'update', [
      storedEntity(sim, 'Ticket', 7, { Description: 'fine' }),
      entity('Ticket', { id: 999999, Title: 'ghost' }),
    ]);
    assert.equal(ghost.returnCode, -1);
    assert.deepEqual(
      [ghost.errors, ghost.entityResultType],
      [['No matching records found. The logged in resource may not have the required permissions to update the data.'], 'ticket'],
    );
    assert.equal(sim.store.get('Ticket', 7)?.values['Description'], description);
  });

  it('deletes all or nothing, where the entity type allows it', async () => {
    const created = await mutate(sim, 'create', [entity('TicketAdditionalContact', { TicketID: 3, ContactID: 30683000 })]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const id = ids(created)[0] as number;
    const refused = await mutate(sim, 'delete', [entity('TicketAdditionalContact', { id }), entity('Ticket', { id: 3 })]);
    assert.equal(refused.returnCode, -1);
    assert.deepEqual(ids(refused), []);
    assert.deepEqual(refused.errors, ['The Ticket entity cannot be deleted through the API.', 'Error deleting entity for record number [2].']);
    assert.equal(sim.store.has('TicketAdditionalContact', id), true, 'the refused call deleted nothing');
    const deleted = await mutate(sim, 'delete', [entity('TicketAdditionalContact', { id })]);
    assert.equal(deleted.returnCode, 1, deleted.errors.join('; '));
    // A captured delete answer: no entities, no EntityReturnInfo, the entity type named.
    assert.deepEqual([ids(deleted), deleted.returnInfos, deleted.entityResultType], [[], [], 'ticketadditionalcontact']);
    assert.equal(sim.store.has('TicketAdditionalContact', id), false);
    assert.equal(sim.store.has('Ticket', 3), true);
    const again = await mutate(sim, 'delete', [entity('TicketAdditionalContact', { id })]);
    assert.deepEqual(again.errors, [`TicketAdditionalContact ${id} does not exist.`, 'Error deleting entity for record number [1].']);
  });

  it('rolls a refused call back on disk too (--db), ids included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atws-crud-'));
    const db = join(dir, 'tenant.db');
    try {
      let durable = await startSimulator({ db, tickets: 5 });
      const refused = await mutate(durable, 'create', [
        entity('Ticket', validTicket('never saved')),
        entity('Ticket', validTicket('bad', { Status: 99 })),
      ]);
      assert.equal(refused.returnCode, -1);
      const deleted = await mutate(durable, 'update', [
        storedEntity(durable, 'Ticket', 2, { Title: 'never renamed' }),
        entity('Ticket', { id: 4242 }),
      ]);
      assert.equal(deleted.returnCode, -1);
      await durable.close();
      durable = await startSimulator({ db });
      try {
        assert.equal(durable.store.count('Ticket'), 5);
        assert.notEqual(durable.store.get('Ticket', 2)?.values['Title'], 'never renamed');
        const next = await mutate(durable, 'create', [entity('Ticket', validTicket('saved'))]);
        assert.deepEqual(ids(next), [6], 'the id the refused create took was given back');
      } finally {
        await durable.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores Invoice.PaidDate as a date only, the day the caller wrote (Invoice entity page)', async () => {
    // 22:30 on 10 April in New York is already 11 April in UTC: the day is the wire's (Eastern).
    const sent = storedEntity(sim, 'Invoice', 1, { PaidDate: new Date('2024-04-11T02:30:00Z') });
    assert.match(sent, /<PaidDate xsi:type="xsd:dateTime">2024-04-10T22:30:00<\/PaidDate>/);
    const result = await mutate(sim, 'update', [sent]);
    assert.equal(result.returnCode, 1, result.errors.join('; '));
    assert.equal((sim.store.get('Invoice', 1)?.values['PaidDate'] as Date).toISOString(), '2024-04-10T04:00:00.000Z');
    const [invoice] = (await query(sim, qx('Invoice', f('id', 'Equals', '1')))).entities;
    assert.equal(fieldText(invoice!, 'PaidDate'), '2024-04-10T00:00:00');
    // Other date-times keep their time.
    const web = await mutate(sim, 'update', [storedEntity(sim, 'Invoice', 1, { WebServiceDate: new Date('2024-04-11T02:30:00Z') })]);
    assert.equal(web.returnCode, 1, web.errors.join('; '));
    assert.equal((sim.store.get('Invoice', 1)?.values['WebServiceDate'] as Date).toISOString(), '2024-04-11T02:30:00.000Z');
  });

  it('sets a required read-only field (Contact.AccountID) on create only', async () => {
    const created = await mutate(sim, 'create', [entity('Contact', { AccountID: 0, FirstName: 'Ada', LastName: 'Byron', Active: 1 })]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const id = ids(created)[0] as number;
    assert.equal(sim.store.get('Contact', id)?.values['AccountID'], 0);
    const missing = await mutate(sim, 'create', [entity('Contact', { FirstName: 'No', LastName: 'Account', Active: 1 })]);
    assert.equal(missing.errors[0], 'Value does not exist for the required field AccountID. ; on record number [1].');
    const moved = await mutate(sim, 'update', [entity('Contact', { id, AccountID: 29683501, FirstName: 'Ada', LastName: 'Lovelace', Active: 1 })]);
    assert.equal(moved.returnCode, 1, moved.errors.join('; '));
    assert.equal(sim.store.get('Contact', id)?.values['AccountID'], 0);
    assert.equal(sim.store.get('Contact', id)?.values['LastName'], 'Lovelace');
  });

  it('reads entities as generic SOAP stacks write them: prefixed, typed, nil', async () => {
    const xml =
      `<ns1:create xmlns:ns1="http://autotask.net/ATWS/v1_6/"><ns1:Entities><ns1:Entity xsi:type="ns1:Ticket">` +
      '<ns1:Fields/><ns1:id>0</ns1:id>' +
      '<ns1:UserDefinedFields><ns1:UserDefinedField><ns1:Name>Asset Tag</ns1:Name><ns1:Value>AT-77</ns1:Value></ns1:UserDefinedField></ns1:UserDefinedFields>' +
      '<ns1:AccountID xsi:type="xsd:int">0</ns1:AccountID><ns1:DueDateTime xsi:type="xsd:dateTime">2025-07-04T12:00:00.5</ns1:DueDateTime>' +
      '<ns1:Priority xsi:type="xsd:int">4</ns1:Priority><ns1:Status xsi:type="xsd:int">1</ns1:Status>' +
      '<ns1:Title xsi:type="xsd:string">Typed &amp; prefixed</ns1:Title><ns1:Description xsi:nil="true"/>' +
      '</ns1:Entity></ns1:Entities></ns1:create>';
    const answer = await post(sim, envelope(xml, integrationHeader()));
    const result = atwsResult(answer, 'createResult');
    assert.equal(result.returnCode, 1, result.errors.join('; '));
    const stored = sim.store.get('Ticket', ids(result)[0] as number);
    assert.equal(stored?.values['Title'], 'Typed & prefixed');
    assert.equal(stored?.values['Description'], undefined);
    assert.equal((stored?.values['DueDateTime'] as Date).toISOString(), '2025-07-04T16:00:00.500Z');
    assert.equal(stored?.udfs?.get('Asset Tag'), 'AT-77');
  });

  it('records the creator, impersonated through ImpersonateAsResourceID when asked', async () => {
    const plain = await mutate(sim, 'create', [entity('Ticket', validTicket('as the API user'))]);
    assert.equal(fieldText(plain.entities[0]!, 'CreatorResourceID'), '29682885');
    const header =
      '<AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_6/"><IntegrationCode>SIMULATOR-INTEGRATION-CODE</IntegrationCode>' +
      '<ImpersonateAsResourceID>29682887</ImpersonateAsResourceID></AutotaskIntegrations>';
    const impersonated = await mutate(sim, 'create', [entity('Ticket', validTicket('as someone else'))], { header });
    assert.equal(fieldText(impersonated.entities[0]!, 'CreatorResourceID'), '29682887');
    const unknown = await call(sim, 'create', `<Entities>${entity('Ticket', validTicket('nobody'))}</Entities>`, {
      header: header.replace('29682887', '12345'),
    });
    assert.match(faultOf(unknown), /ImpersonateAsResourceID 12345 is not an active resource/);
    // Impersonation is of API 1.6 ("Requirements for version 1.6+"; 1.5's header type lacks the
    // element): 1.5 acts as the API user whatever the header holds.
    const v15 = (resource: string) =>
      `<AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_5/"><ImpersonateAsResourceID>${resource}</ImpersonateAsResourceID></AutotaskIntegrations>`;
    for (const resource of ['29682887', '12345']) {
      const created = await mutate(sim, 'create', [entity('Ticket', validTicket('via 1.5'))], { version: '1.5', header: v15(resource) });
      assert.equal(created.returnCode, 1, created.errors.join('; '));
      assert.equal(fieldText(created.entities[0]!, 'CreatorResourceID'), '29682885', resource);
    }
  });

  it('gives a new ticket its picklist defaults (TicketType, TicketCategory, Source) and who-did-it fields, as real tickets carry', async () => {
    const header =
      '<AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_6/"><IntegrationCode>SIMULATOR-INTEGRATION-CODE</IntegrationCode>' +
      '<ImpersonateAsResourceID>29682887</ImpersonateAsResourceID></AutotaskIntegrations>';
    const created = await mutate(sim, 'create', [
      entity('Ticket', validTicket('defaults')),
      entity('Ticket', validTicket('own source', { Source: 4 })),
    ]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    // Computed by the server: not in the create() answer (reliable for the id only), stored and queried.
    assert.equal(fieldText(created.entities[0]!, 'TicketType'), undefined);
    const read = async (id: number): Promise<Record<string, string | undefined>> => {
      const [ticket] = (await query(sim, qx('Ticket', f('id', 'Equals', String(id))))).entities;
      return Object.fromEntries(
        ['TicketType', 'TicketCategory', 'Source', 'CreatorType', 'CreatorResourceID', 'LastActivityPersonType', 'LastActivityResourceID'].map(
          (n) => [n, fieldText(ticket!, n)],
        ),
      );
    };
    const [plain, ownSource] = ids(created) as [number, number];
    // The picklists' IsDefaultValue values: Service Request, Standard, Phone.
    assert.deepEqual(await read(plain), {
      TicketType: '1',
      TicketCategory: '1',
      Source: '2',
      CreatorType: '1',
      CreatorResourceID: '29682885',
      LastActivityPersonType: '1',
      LastActivityResourceID: '29682885',
    });
    assert.equal((await read(ownSource)).Source, '4', 'a value sent is kept');
    // An update acting as another resource makes it the last to act.
    const updated = await mutate(sim, 'update', [storedEntity(sim, 'Ticket', plain, { Title: 'touched' })], { header });
    assert.equal(updated.returnCode, 1, updated.errors.join('; '));
    assert.deepEqual([(await read(plain)).LastActivityResourceID, (await read(plain)).CreatorResourceID], ['29682887', '29682885']);
  });

  it('assigns a ticket only to a Resource + Role pair of a Service Desk Queue, the two fields together (Ticket entity page)', async () => {
    const [helpDesk, engineer, projectManager] = [29683461, 29683462, 29683463];
    const tryCreate = (extra: Record<string, number>) => mutate(sim, 'create', [entity('Ticket', validTicket('assigned', extra))]);
    const pairMessage = 'When assigning a Resource, you must assign both a AssignedResourceID and AssignedResourceRoleID.';
    assert.deepEqual((await tryCreate({ AssignedResourceID: 29682886 })).errors, [pairMessage, 'Error creating entity for record number [1].']);
    assert.deepEqual((await tryCreate({ AssignedResourceRoleID: helpDesk })).errors[0], pairMessage);
    const ok = await tryCreate({ AssignedResourceID: 29682886, AssignedResourceRoleID: engineer });
    assert.equal(ok.returnCode, 1, ok.errors.join('; '));
    // Engineer is a service desk role of the first three resources only; Project Manager of none.
    for (const [resource, role] of [
      [29682888, engineer],
      [29682885, projectManager],
    ] as const) {
      assert.match(
        (await tryCreate({ AssignedResourceID: resource, AssignedResourceRoleID: role })).errors[0] ?? '',
        /is not associated with any Service Desk Queue/,
      );
    }
    // A resource in no queue cannot be assigned in any role; a ticket already assigned to it can still be sent back.
    const lonely = 29682889;
    const assignedBefore = [...sim.store.scan('Ticket')].find((t) => t.values['AssignedResourceID'] === lonely)!;
    assert.equal(assignedBefore.values['AssignedResourceRoleID'], helpDesk, 'seeded assignments carry their role');
    for (const membership of [...sim.store.scan('ResourceRoleQueue')].filter((r) => r.values['ResourceID'] === lonely)) {
      sim.store.remove('ResourceRoleQueue', membership.id);
    }
    assert.match((await tryCreate({ AssignedResourceID: lonely, AssignedResourceRoleID: helpDesk })).errors[0] ?? '', /not associated/);
    const sentBack = await mutate(sim, 'update', [storedEntity(sim, 'Ticket', assignedBefore.id, { Title: 'still assigned' })]);
    assert.equal(sentBack.returnCode, 1, sentBack.errors.join('; '));
    const cleared = await mutate(sim, 'update', [storedEntity(sim, 'Ticket', assignedBefore.id, { AssignedResourceRoleID: null })]);
    assert.deepEqual(cleared.errors[0], pairMessage);
  });

  it('creates through API 1.5 as well', async () => {
    const result = await mutate(sim, 'create', [entity('Ticket', validTicket('via 1.5'))], { version: '1.5' });
    assert.equal(result.returnCode, 1, result.errors.join('; '));
  });
});
