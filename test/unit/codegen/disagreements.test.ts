// Where the reference WSDLs and the field metadata disagree, the snapshot records each case and
// the generated metadata follows the rules of codegen/README.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntitySnapshot } from '../../../codegen/snapshot.js';
import { metadata as metadata15 } from '../../../generated/v1_5/metadata.js';
import { metadata as metadata16 } from '../../../generated/v1_6/metadata.js';
import type { ApiMetadata } from '../../../runtime/protocol/metadata.js';
import { parseSourceXml } from '../../../codegen/source-xml.js';
import { entityTypesOf, readWsdlStructure } from '../../../codegen/wsdl-structure.js';
import type { SchemaItem, WsdlDocument } from '../../../runtime/protocol/soap/wsdl/wsdl-writer.js';
import { needsShared, projectRoot, sharedAtws } from '../../support/shared.js';

async function snapshot(version: string): Promise<EntitySnapshot> {
  return JSON.parse(await readFile(join(projectRoot, 'wsdl', version, 'entities.json'), 'utf8')) as EntitySnapshot;
}

const fieldNames = (m: ApiMetadata, entity: string): string[] => Object.keys(m.entities[entity]?.fields ?? {});

describe('WSDL/metadata disagreements', () => {
  it('1.6 (metadata 1.6.8): each disagreement with the 1.6 WSDL is recorded, and nothing else', async () => {
    const s = await snapshot('1.6');
    assert.equal(s.metadataVersion, '1.6.8');
    const count = (kind: string): number => s.disagreements.filter((d) => d.kind === kind).length;
    assert.deepEqual(
      ['entity-only-in-metadata', 'field-only-in-metadata', 'field-only-in-wsdl', 'entity-only-in-wsdl', 'reference-to-unknown-entity'].map(count),
      [39, 91, 2, 0, 0],
    );
    assert.equal(s.disagreements.length, 39 + 91 + 2);
    assert.deepEqual(
      s.disagreements.filter((d) => d.kind === 'field-only-in-wsdl').map((d) => `${d.entity}.${d.field}`),
      ['ContractRetainer.OverrideHourlyRate', 'ServiceBundle.old_selected_service_sum'],
    );
    const kept = (entity: string, field?: string) => s.disagreements.find((d) => d.entity === entity && d.field === field)?.resolution;
    assert.match(kept('ChecklistLibrary') ?? '', /^kept.*wsdl\.json declares it, derived: a complexType extending Entity/);
    assert.match(kept('Ticket', 'RmaStatus') ?? '', /^kept after the WSDL-declared fields.*wsdl\.json declares it, derived/);
    assert.match(kept('Resource', 'LicenseType') ?? '', /^kept after/);
    assert.equal(s.entities.length, 167);
    assert.equal(s.entities.filter((e) => e.source === 'metadata-only').length, 39);
    assert.equal(s.restrictedToWsdl, false);
  });

  it(
    '1.6: the snapshot WSDL declares what only the metadata has, derived after what the reference WSDL declares',
    { skip: needsShared() },
    async () => {
      const wsdl = JSON.parse(await readFile(join(projectRoot, 'wsdl', '1.6', 'wsdl.json'), 'utf8')) as WsdlDocument;
      const reference = readWsdlStructure(
        parseSourceXml(await readFile(join(sharedAtws, 'wsdl', '1.6', 'atws.wsdl'), 'utf8'), 'atws.wsdl'),
        'atws.wsdl',
      );
      const s = await snapshot('1.6');
      const derived = s.disagreements.filter((d) => d.kind === 'entity-only-in-metadata').map((d) => d.entity);
      const declared = entityTypesOf(wsdl);
      const referenceTypes = entityTypesOf(reference);
      // The reference's 128 entity types first, in its order; then the 39, in the metadata's order.
      const metadataOrder = JSON.parse(await readFile(join(sharedAtws, 'fieldinfo', '1.6.8.json'), 'utf8')).Entities.map(
        (e: { Name: string }) => e.Name,
      );
      assert.deepEqual(
        declared.map((d) => d.name),
        [...referenceTypes.map((d) => d.name), ...metadataOrder.filter((n: string) => derived.includes(n))],
      );
      // Each type holds exactly the snapshot's fields, in wire order (id comes from Entity).
      for (const { name, fields } of declared) {
        const entity = s.entities.find((e) => e.name === name)!;
        assert.deepEqual(
          ['id', ...fields],
          entity.fields.map((f) => f.name),
          name,
        );
      }
      const checklist = wsdl.schema.items.find((i) => i.name === 'ChecklistLibrary');
      assert.ok(checklist?.kind === 'complexType');
      assert.equal(checklist.base, 'tns:Entity');
      assert.deepEqual(checklist.sequence[0], { name: 'Name', minOccurs: '0', maxOccurs: '1' });
      const ticket = declared.find((d) => d.name === 'Ticket')!.fields;
      const referenceTicket = referenceTypes.find((d) => d.name === 'Ticket')!.fields;
      assert.deepEqual(ticket.slice(0, referenceTicket.length), referenceTicket);
      assert.ok(ticket.slice(referenceTicket.length).includes('RmaStatus'));
      // Everything else is the reference's, item for item.
      const isEntity = (i: SchemaItem): boolean => i.kind === 'complexType' && (i.base ?? '').endsWith(':Entity');
      assert.deepEqual(
        wsdl.schema.items.filter((i) => !isEntity(i)),
        reference.schema.items.filter((i) => !isEntity(i)),
      );
      assert.deepEqual({ ...wsdl, schema: null }, { ...reference, schema: null });
    },
  );

  it('1.6: WSDL-only fields stay in wire order as read-only strings; metadata-only fields come last', () => {
    const sum = metadata16.entities.ServiceBundle.fields.old_selected_service_sum;
    assert.deepEqual([sum.type, sum.readOnly, sum.queryable, sum.required], ['string', true, false, false]);
    const wsdl = fieldNames(metadata16, 'ContractRetainer');
    assert.ok(wsdl.includes('OverrideHourlyRate'));
    const resource = fieldNames(metadata16, 'Resource');
    assert.equal(resource.at(-1), 'LicenseType');
    assert.equal(metadata16.entities.Resource.fields.LicenseType.type, 'integer');
    // In metadata order, after the WSDL's.
    assert.deepEqual(fieldNames(metadata16, 'Ticket').slice(-6), [
      'ApiVendorID',
      'LastTrackedModificationDateTime',
      'RmaStatus',
      'RmaType',
      'ImpersonatorCreatorResourceID',
      'CreatedByContactID',
    ]);
  });

  it('1.5: restricted to what the 1.5 WSDL declares, each left-out entity and field recorded', async () => {
    const s = await snapshot('1.5');
    assert.equal(s.restrictedToWsdl, true);
    assert.equal(s.entities.length, 124);
    assert.equal(s.namespace, 'http://autotask.net/ATWS/v1_5/');
    assert.deepEqual(
      s.disagreements.filter((d) => d.kind === 'entity-only-in-metadata').map((d) => d.entity),
      ['ContactGroup', 'ContactGroupContact', 'TicketAdditionalInstalledProduct', 'TicketHistory'],
    );
    for (const name of ['ContactGroup', 'ContactGroupContact', 'TicketAdditionalInstalledProduct', 'TicketHistory']) {
      assert.equal(name in metadata15.entities, false, name);
    }
    const dropped = s.disagreements.filter((d) => d.kind === 'field-only-in-metadata');
    assert.ok(dropped.some((d) => d.entity === 'Resource' && d.field === 'LicenseType'));
    for (const d of dropped) assert.equal(fieldNames(metadata15, d.entity).includes(d.field ?? ''), false, `${d.entity}.${d.field}`);
    for (const d of s.disagreements.filter((x) => x.kind === 'field-only-in-wsdl')) {
      assert.equal((metadata15.entities as ApiMetadata['entities'])[d.entity]?.fields[d.field ?? '']?.readOnly, true);
    }
  });

  it('keeps fields in wire order, id first', () => {
    for (const m of [metadata15, metadata16] as ApiMetadata[]) {
      for (const entity of Object.values(m.entities)) assert.equal(Object.keys(entity.fields)[0], 'id', entity.name);
    }
    assert.deepEqual(fieldNames(metadata16, 'QuoteLocation'), ['id', 'Address1', 'Address2', 'City', 'State', 'PostalCode']);
  });
});
