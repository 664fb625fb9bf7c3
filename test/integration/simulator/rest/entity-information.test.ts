/**
 * REST entity information over HTTP (simulator/README.md, "REST decisions": entity information):
 * `{C}/entityInformation`, `/fields` with picklists, `/userDefinedFields`, top-level and child.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.js';
import { okJson, rest } from './rest-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 5 });
});
after(() => sim.close());

interface Field {
  name: string;
  dataType: string;
  length: number;
  isRequired: boolean;
  isReadOnly: boolean;
  isQueryable: boolean;
  isReference: boolean;
  referenceEntityType: string;
  isPickList: boolean;
  picklistValues: Array<{
    value: string;
    label: string;
    parentValue: string;
    isActive: boolean;
    sortOrder: number;
    isDefaultValue: boolean;
    isSystem: boolean;
  }> | null;
  picklistParentValueField: string;
  isSupportedWebhookField: boolean;
}

describe('REST entity information', () => {
  it('describes an entity with {"info": {...}}: its REST name, what the API user may do with it, UDFs, webhooks', async () => {
    const info = okJson(await rest(sim, 'GET', 'V1.0/Companies/entityInformation')).info;
    assert.deepEqual(info, {
      name: 'Company',
      canCreate: true,
      canDelete: false,
      canQuery: true,
      canUpdate: true,
      userAccessForCreate: 'All',
      userAccessForDelete: 'None',
      userAccessForQuery: 'All',
      userAccessForUpdate: 'All',
      hasUserDefinedFields: true,
      supportsWebhookCallouts: true,
    });
    // TicketNotes are created through /Tickets/{id}/Notes: the entity can be created all the same.
    const notes = okJson(await rest(sim, 'GET', 'V1.0/TicketNotes/entityInformation')).info;
    assert.equal(notes.name, 'TicketNote');
    assert.equal(notes.canCreate, true);
    assert.equal(notes.hasUserDefinedFields, false);
  });

  it("lists fields by REST name with GetFieldInfo's types, picklist values as text, child picklists naming their parent", async () => {
    const fields = okJson(await rest(sim, 'GET', 'V1.0/Tickets/entityInformation/fields')).fields as Field[];
    const byName = new Map(fields.map((f) => [f.name, f]));
    assert.equal(fields[0]!.name, 'id');
    const company = byName.get('companyID')!;
    assert.deepEqual(
      {
        dataType: company.dataType,
        isRequired: company.isRequired,
        isReference: company.isReference,
        referenceEntityType: company.referenceEntityType,
        picklistValues: company.picklistValues,
      },
      { dataType: 'integer', isRequired: true, isReference: true, referenceEntityType: 'Account', picklistValues: null },
    );
    assert.equal(byName.get('title')!.dataType, 'string');
    assert.ok(byName.get('title')!.length > 0);
    assert.equal(byName.get('status')!.length, 0);
    assert.equal(byName.get('dueDateTime')!.dataType, 'datetime');
    const status = byName.get('status')!;
    assert.equal(status.isPickList, true);
    assert.deepEqual(
      status.picklistValues!.find((v) => v.label === 'Complete'),
      {
        value: '5',
        label: 'Complete',
        isDefaultValue: false,
        sortOrder: 2,
        parentValue: '',
        isActive: true,
        isSystem: true,
      },
    );
    const sub = byName.get('subIssueType')!;
    assert.equal(sub.picklistParentValueField, 'issueType');
    const mouse = sub.picklistValues!.find((v) => v.label === 'Mouse')!;
    assert.equal(mouse.parentValue, '3');
    assert.equal(byName.get('title')!.referenceEntityType, '');
    assert.equal(byName.get('title')!.picklistParentValueField, '');
    // A REST-only field the tenant keeps no value of: listed, read-only, not queryable.
    const comanaged = byName.get('isAssignedToComanaged')!;
    assert.deepEqual([comanaged.dataType, comanaged.isReadOnly, comanaged.isQueryable], ['boolean', true, false]);
    // Child routes answer the same for the child.
    const viaChild = okJson(await rest(sim, 'GET', 'V1.0/Tickets/1/Notes/entityInformation/fields')).fields as Field[];
    assert.ok(viaChild.some((f) => f.name === 'ticketID' && f.referenceEntityType === 'Ticket'));
  });

  it('lists user-defined fields with "type" (not dataType) and their picklists; none for an entity without', async () => {
    const udfs = okJson(await rest(sim, 'GET', 'V1.0/Companies/entityInformation/userDefinedFields')).fields as Array<Record<string, unknown>>;
    assert.deepEqual(
      udfs.map((u) => u['name']),
      ['Region', 'Account Notes', 'Contract Reference', 'Service Tier', 'Billing Contact'],
    );
    const region = udfs[0]!;
    assert.equal(region['type'], 'string');
    assert.equal(region['dataType'], undefined);
    assert.deepEqual(
      (region['picklistValues'] as Array<{ label: string }>).map((v) => v.label),
      ['North', 'South', 'East', 'West'],
    );
    assert.deepEqual(okJson(await rest(sim, 'GET', 'V1.0/TicketNotes/entityInformation/userDefinedFields')), { fields: [] });
  });
});
