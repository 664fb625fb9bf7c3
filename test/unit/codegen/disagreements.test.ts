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
import { projectRoot } from '../../support/shared.js';

async function snapshot(version: string): Promise<EntitySnapshot> {
  return JSON.parse(await readFile(join(projectRoot, 'wsdl', version, 'entities.json'), 'utf8')) as EntitySnapshot;
}

const fieldNames = (m: ApiMetadata, entity: string): string[] => Object.keys(m.entities[entity]?.fields ?? {});

describe('WSDL/metadata disagreements', () => {
  it('1.6: the three known ones are recorded, and nothing else', async () => {
    const s = await snapshot('1.6');
    assert.deepEqual(
      s.disagreements.map((d) => `${d.kind} ${d.entity}.${d.field}`),
      [
        'field-only-in-metadata Resource.LicenseType',
        'field-only-in-wsdl ContractRetainer.OverrideHourlyRate',
        'field-only-in-wsdl ServiceBundle.old_selected_service_sum',
      ],
    );
    assert.equal(s.entities.length, 128);
    assert.equal(s.restrictedToWsdl, false);
  });

  it('1.6: WSDL-only fields stay in wire order as read-only strings; metadata-only fields come last', () => {
    const sum = metadata16.entities.ServiceBundle.fields.old_selected_service_sum;
    assert.deepEqual([sum.type, sum.readOnly, sum.queryable, sum.required], ['string', true, false, false]);
    const wsdl = fieldNames(metadata16, 'ContractRetainer');
    assert.ok(wsdl.includes('OverrideHourlyRate'));
    const resource = fieldNames(metadata16, 'Resource');
    assert.equal(resource.at(-1), 'LicenseType');
    assert.equal(metadata16.entities.Resource.fields.LicenseType.type, 'integer');
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
