/**
 * REST writes over HTTP (simulator/README.md, "REST decisions": writes and values): POST, PATCH,
 * PUT and DELETE of one entity each, child entities through their parent's route, values on the
 * wire (UTC dates, picklists, UDFs), refusals; and one tenant: SOAP reads what REST writes and
 * REST what SOAP writes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.js';
import { childText } from '../../../../runtime/protocol/soap/xml/xml-tree.js';
import { entity, mutate, query, qx, f, udfValue } from '../soap-helpers.js';
import { errorsOf, okJson, rest } from './rest-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 40 });
});
after(() => sim.close());

const newTicket = { companyID: 0, title: 'Printer offline', priority: 2, status: 1 };
const create = async (path: string, body: unknown): Promise<number> => okJson(await rest(sim, 'POST', `V1.0/${path}`, { body })).itemId as number;
const item = async (path: string): Promise<Record<string, any>> => okJson(await rest(sim, 'GET', `V1.0/${path}`)).item;
const refused = async (method: string, path: string, body: unknown): Promise<string> =>
  errorsOf(await rest(sim, method, `V1.0/${path}`, { body }))[0] ?? '';

describe('REST create', () => {
  it('answers POST with HTTP 200 {"itemId": id}, keys in any case, and SOAP reads the entity', async () => {
    const answer = await rest(sim, 'POST', 'V1.0/Tickets', { body: { CompanyID: 0, Title: 'From REST', Priority: 2, Status: 1, id: 0 } });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.json), ['itemId']);
    const id = answer.json.itemId as number;
    assert.ok(id > 40);
    const soap = await query(sim, qx('Ticket', f('id', 'Equals', String(id))));
    assert.equal(childText(soap.entities[0]!, 'Title'), 'From REST');
  });

  it('takes one entity per call: an array is refused, nothing written', async () => {
    const before = sim.store.count('Ticket');
    assert.match(await refused('POST', 'Tickets', [newTicket, newTicket]), /one Ticket entity per call/);
    assert.equal(sim.store.count('Ticket'), before);
  });

  it('refuses with {"errors": [...]} and 500, in REST names, and saves nothing', async () => {
    const before = sim.store.count('Ticket');
    assert.equal(await refused('POST', 'Tickets', { title: 'No company' }), 'Value does not exist for the required field companyID.');
    assert.match(await refused('POST', 'Tickets', { ...newTicket, companyID: 424242 }), /companyID refers to Account 424242, which does not exist/);
    assert.equal(await refused('POST', 'Tickets', { ...newTicket, limit: 5 }), 'Unable to find limit in the Ticket Entity.');
    assert.match(await refused('POST', 'Tickets', { ...newTicket, isAssignedToComanaged: true }), /keeps no value/);
    assert.match(
      await refused('POST', 'Tickets', { ...newTicket, priority: true }),
      /^Unexpected character encountered while parsing value: t\. Path 'priority'\.$/,
    );
    assert.match(await refused('POST', 'Tickets', { ...newTicket, title: ['a'] }), /must be a single value/);
    assert.match(await refused('POST', 'Tickets', ''), /has no body/);
    assert.match(await refused('POST', 'Tickets', '{"title":'), /not valid JSON/);
    assert.equal(sim.store.count('Ticket'), before);
  });
});

describe('REST values', () => {
  it('writes date-times with or without Z as UTC and answers them as ISO text with Z', async () => {
    const withZ = await create('Tickets', { ...newTicket, dueDateTime: '2030-03-21T10:15:00.000Z' });
    const withoutZ = await create('Tickets', { ...newTicket, dueDateTime: '2030-03-21T10:15:00' });
    const withOffset = await create('Tickets', { ...newTicket, dueDateTime: '2030-03-21T12:15:00+02:00' });
    for (const id of [withZ, withoutZ, withOffset]) {
      assert.equal((sim.store.get('Ticket', id)?.values['DueDateTime'] as Date).toISOString(), '2030-03-21T10:15:00.000Z');
      assert.equal((await item(`Tickets/${id}`))['dueDateTime'], '2030-03-21T10:15:00.000Z');
    }
    // SOAP answers the same instant in US Eastern wall clock (its own rule).
    const soap = await query(sim, qx('Ticket', f('id', 'Equals', String(withoutZ))));
    assert.equal(childText(soap.entities[0]!, 'DueDateTime'), '2030-03-21T06:15:00');
    assert.match(await refused('POST', 'Tickets', { ...newTicket, dueDateTime: '2030-02-30T00:00:00' }), /Invalid value "2030-02-30T00:00:00"/);
  });

  it('answers picklists as numbers and takes them as numbers or numeric text', async () => {
    const id = await create('Tickets', { ...newTicket, priority: '1', status: 5 });
    const ticket = await item(`Tickets/${id}`);
    assert.equal(ticket['priority'], 1);
    assert.equal(ticket['status'], 5);
    // Every field of the REST model comes, unset ones and REST-only ones as null.
    assert.equal(ticket['assignedResourceID'], null);
    assert.equal(ticket['isAssignedToComanaged'], null);
    assert.match(await refused('POST', 'Tickets', { ...newTicket, status: 17 }), /inactive/);
  });

  it('carries UDFs as userDefinedFields [{name, value}]: [] when none has a value, all of them when one has', async () => {
    const id = await create('Tickets', newTicket);
    assert.deepEqual((await item(`Tickets/${id}`))['userDefinedFields'], []);
    okJson(
      await rest(sim, 'PATCH', 'V1.0/Tickets', {
        body: {
          id,
          userDefinedFields: [
            { name: 'Room', value: '12B' },
            { name: 'customer mood', value: '2' },
          ],
        },
      }),
    );
    const udfs = (await item(`Tickets/${id}`))['userDefinedFields'] as Array<{ name: string; value: string | null }>;
    assert.deepEqual(udfs, [
      { name: 'Room', value: '12B' },
      { name: 'Asset Tag', value: null },
      { name: 'Customer Mood', value: '2' },
      { name: 'Attributes', value: null },
    ]);
    // SOAP reads them; a UDF left out of a later write keeps its value.
    okJson(await rest(sim, 'PATCH', 'V1.0/Tickets', { body: { id, userDefinedFields: [{ name: 'Room', value: null }] } }));
    const soap = await query(sim, qx('Ticket', f('id', 'Equals', String(id))));
    assert.equal(udfValue(soap.entities[0]!, 'Customer Mood'), '2');
    assert.equal(udfValue(soap.entities[0]!, 'Room'), undefined);
    assert.match(await refused('PATCH', 'Tickets', { id, userDefinedFields: [{ name: 'Nope', value: 'x' }] }), /"Nope" does not exist/);
    assert.match(await refused('PATCH', 'Tickets', { id, userDefinedFields: { Room: 'x' } }), /must be an array/);
  });
});

describe('REST updates', () => {
  it('PATCH changes only the fields it carries', async () => {
    const id = await create('Tickets', { ...newTicket, description: 'Keep me', dueDateTime: '2030-01-01T00:00:00Z' });
    assert.deepEqual(okJson(await rest(sim, 'PATCH', 'V1.0/Tickets', { body: { id, title: 'Patched' } })), { itemId: id });
    const ticket = await item(`Tickets/${id}`);
    assert.equal(ticket['title'], 'Patched');
    assert.equal(ticket['description'], 'Keep me');
    assert.equal(ticket['dueDateTime'], '2030-01-01T00:00:00.000Z');
  });

  it('PUT clears the writable fields it does not carry, and keeps those REST cannot name', async () => {
    const id = await create('Tickets', { ...newTicket, description: 'Cleared by PUT' });
    // Account.KeyAccountIcon has no REST twin: a PUT of the company cannot mean to clear it.
    const record = sim.store.get('Account', 29683501)!;
    sim.store.replace('Account', record, { ...record.values, KeyAccountIcon: 3 }, record.udfs);
    okJson(await rest(sim, 'PUT', 'V1.0/Tickets', { body: { ...newTicket, id, title: 'Put' } }));
    const ticket = await item(`Tickets/${id}`);
    assert.equal(ticket['title'], 'Put');
    assert.equal(ticket['description'], null);
    const company = await item('Companies/29683501');
    okJson(
      await rest(sim, 'PUT', 'V1.0/Companies', {
        body: {
          id: 29683501,
          companyName: company['companyName'],
          companyType: company['companyType'],
          ownerResourceID: company['ownerResourceID'],
          phone: company['phone'],
        },
      }),
    );
    const after = sim.store.get('Account', 29683501)!.values;
    assert.equal(after['KeyAccountIcon'], 3);
    assert.equal(after['City'], undefined);
    assert.match(await refused('PUT', 'Tickets', { id, title: 'No required fields' }), /Value does not exist for the required field companyID\./);
  });

  it('refuses an update of an id that does not exist, or without an id', async () => {
    assert.match(
      await refused('PATCH', 'Tickets', { id: 999999, title: 'x' }),
      /^No matching records found\. The logged in resource may not have the required permissions to update the data\.$/,
    );
    assert.match(await refused('PATCH', 'Tickets', { title: 'x' }), /no valid id/);
  });

  it('REST reads what SOAP updates', async () => {
    const id = await create('Tickets', newTicket);
    await mutate(sim, 'update', [entity('Ticket', { id, AccountID: 0, Title: 'Changed over SOAP', Priority: 3, Status: 1 })]);
    const ticket = await item(`Tickets/${id}`);
    assert.equal(ticket['title'], 'Changed over SOAP');
    assert.equal(ticket['priority'], 3);
  });
});

describe('REST child routes', () => {
  const noteType = async (): Promise<{ noteType: number; publish: number }> => {
    const fields = okJson(await rest(sim, 'GET', 'V1.0/Tickets/1/Notes/entityInformation/fields')).fields as Array<{
      name: string;
      picklistValues: Array<{ value: string; isActive: boolean }> | null;
    }>;
    const first = (name: string): number => Number(fields.find((x) => x.name === name)!.picklistValues!.find((v) => v.isActive)!.value);
    return { noteType: first('noteType'), publish: first('publish') };
  };

  it("creates a child through its parent's route, the parent id from the URL, and lists it there", async () => {
    const picks = await noteType();
    const noteId = await create('Tickets/3/Notes', { title: 'Called back', description: 'Left a message', ...picks });
    const stored = sim.store.get('TicketNote', noteId)!;
    assert.equal(stored.values['TicketID'], 3);
    assert.ok(okJson(await rest(sim, 'GET', 'V1.0/Tickets/3/Notes')).items.some((n: { id: number }) => n.id === noteId));
    assert.equal((await item(`TicketNotes/${noteId}`))['ticketID'], 3);
    // The same parent in the body is fine; another is refused, as is a parent that does not exist.
    await create('Tickets/3/Notes', { title: 'Again', description: 'x', ticketID: 3, ...picks });
    assert.match(await refused('POST', 'Tickets/3/Notes', { title: 'x', description: 'x', ticketID: 4, ...picks }), /ticketID 4 is not the parent 3/);
    assert.match(
      await refused('POST', 'Tickets/999999/Notes', { title: 'x', description: 'x', ...picks }),
      /Unable to find the parent Tickets 999999/,
    );
    // Changed through the parent's route, and only as that parent's child.
    okJson(await rest(sim, 'PATCH', 'V1.0/Tickets/3/Notes', { body: { id: noteId, title: 'Called back twice' } }));
    assert.equal(sim.store.get('TicketNote', noteId)!.values['Title'], 'Called back twice');
    assert.match(await refused('PATCH', 'Tickets/4/Notes', { id: noteId, title: 'x' }), /does not belong to Tickets 4/);
  });

  it('deletes where the route has DELETE ({"itemId": id}), refuses with 405 where it has not', async () => {
    const contactId = await create('Companies/29683502/Contacts', { firstName: 'Temp', lastName: 'Contact', isActive: 1 });
    assert.equal(sim.store.get('Contact', contactId)!.values['AccountID'], 29683502);
    assert.match(await refused('DELETE', `Companies/29683503/Contacts/${contactId}`, undefined), /does not belong/);
    assert.deepEqual(okJson(await rest(sim, 'DELETE', `V1.0/Companies/29683502/Contacts/${contactId}`)), { itemId: contactId });
    assert.equal(sim.store.get('Contact', contactId), undefined);
    assert.match(await refused('DELETE', `Companies/29683502/Contacts/${contactId}`, undefined), /does not exist/);
    const refusedDelete = await rest(sim, 'DELETE', 'V1.0/Companies/29683502');
    assert.equal(refusedDelete.status, 405);
    assert.ok(sim.store.get('Account', 29683502));
  });
});
