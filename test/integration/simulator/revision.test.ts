// Metadata revisions of API 1.6. The simulator's 1.6 endpoint serves the newest metadata the
// project has (1.6.8), as the generated 1.6 code is; `--revision 1.6.1` serves the older revision,
// the way a tenant on an older release answers: its WSDL, entities and fields, and no others.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { metadata as generated16 } from '../../../generated/v1_6/metadata.js';
import { metadata as revision161 } from '../../../generated/revisions/v1_6_1/metadata.js';
import { parseSourceXml } from '../../../codegen/source-xml.js';
import { entityTypesOf, readWsdlStructure } from '../../../codegen/wsdl-structure.js';
import { call, entity, f, fieldText, ids, mutate, query, qx, resultOf, storedEntity } from './soap-helpers.js';
import { childElements, childText } from '../../../runtime/protocol/soap/xml/xml-tree.js';

/** What an endpoint says it has: GetFieldInfo's Ticket fields, getEntityInfo's names, its WSDL's entity types. */
async function described(
  sim: RunningSimulator,
): Promise<{ ticketFields: string[]; entities: string[]; wsdlTypes: Map<string, string[]>; version: string }> {
  const info = resultOf(await call(sim, 'GetFieldInfo', '<psObjectType>Ticket</psObjectType>'), 'GetFieldInfoResult');
  const entities = resultOf(await call(sim, 'getEntityInfo', ''), 'GetEntityInfoResult');
  const wsdl = await (await fetch(sim.wsdlUrl('1.6'))).text();
  const types = entityTypesOf(readWsdlStructure(parseSourceXml(wsdl, 'served.wsdl'), 'served.wsdl'));
  return {
    ticketFields: childElements(info, 'Field').map((field) => childText(field, 'Name') ?? ''),
    entities: childElements(entities, 'EntityInfo').map((e) => childText(e, 'Name') ?? ''),
    wsdlTypes: new Map(types.map((t) => [t.name, t.fields])),
    version: resultOf(await call(sim, 'GetWsdlVersion', ''), 'GetWsdlVersionResult').text,
  };
}

describe('simulator, 1.6 endpoint: metadata 1.6.8 (the default)', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ tickets: 20 });
  });
  after(() => sim.close());

  it('describes the fields and entities 1.6.8 has over 1.6.1, in its metadata and its WSDL', async () => {
    assert.equal((revision161.entities.Ticket.fields as Record<string, unknown>)['RmaStatus'], undefined, 'the premise: 1.6.1 lacks it');
    assert.equal('RmaStatus' in generated16.entities.Ticket.fields, true);
    const d = await described(sim);
    assert.equal(d.version, '1.6.8');
    assert.ok(d.ticketFields.includes('RmaStatus') && d.ticketFields.includes('RmaType'));
    assert.equal(d.entities.length, 167);
    assert.ok(d.entities.includes('ChecklistLibrary'));
    assert.equal(d.wsdlTypes.size, 167);
    assert.deepEqual(['id', ...(d.wsdlTypes.get('Ticket') ?? [])], Object.keys(generated16.entities.Ticket.fields));
    assert.deepEqual(['id', ...(d.wsdlTypes.get('ChecklistLibrary') ?? [])], Object.keys(generated16.entities.ChecklistLibrary.fields));
  });

  it('stores, answers and queries the newer fields, and clears them on an update that leaves them out', async () => {
    const result = await mutate(sim, 'update', [storedEntity(sim, 'Ticket', 3, { RmaStatus: 2 })]);
    assert.equal(result.returnCode, 1, result.errors.join('; '));
    assert.equal(sim.store.get('Ticket', 3)?.values['RmaStatus'], 2);
    const found = await query(sim, qx('Ticket', f('RmaStatus', 'Equals', '2')));
    assert.deepEqual(ids(found), [3]);
    assert.equal(fieldText(found.entities[0]!, 'RmaStatus'), '2');
    // A client that does not know RmaStatus sends the rest back: the update() page says it is cleared.
    const withoutIt = storedEntity(sim, 'Ticket', 3).replace(/<RmaStatus[^>]*>2<\/RmaStatus>/, '');
    assert.doesNotMatch(withoutIt, /RmaStatus/);
    assert.equal((await mutate(sim, 'update', [withoutIt])).returnCode, 1);
    assert.equal(sim.store.get('Ticket', 3)?.values['RmaStatus'], undefined);
  });

  it('creates and queries an entity only 1.6.8 has', async () => {
    const created = await mutate(sim, 'create', [entity('ChecklistLibrary', { Name: 'Onboarding', EntityType: 1, Active: 'true' })]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const found = await query(sim, qx('ChecklistLibrary', f('Name', 'Equals', 'Onboarding')));
    assert.deepEqual(ids(found), ids(created));
  });
});

describe('simulator --revision 1.6.1', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ tickets: 20, revision: '1.6.1' });
  });
  after(() => sim.close());

  it('describes 1.6.1 only: no entity or field that 1.6.8 added, in its metadata or its WSDL', async () => {
    const d = await described(sim);
    assert.equal(d.version, '1.6.1');
    assert.equal(d.ticketFields.includes('RmaStatus'), false);
    assert.deepEqual(d.ticketFields, Object.keys(revision161.entities.Ticket.fields));
    assert.equal(d.entities.length, 128);
    assert.equal(d.entities.includes('ChecklistLibrary'), false);
    assert.equal(d.wsdlTypes.size, 128);
    assert.equal(d.wsdlTypes.has('ChecklistLibrary'), false);
    assert.equal(d.wsdlTypes.get('Ticket')?.includes('RmaStatus'), false);
  });

  it('refuses a field and an entity it does not have, naming them', async () => {
    const rma = await mutate(sim, 'update', [
      storedEntity(sim, 'Ticket', 3).replace('</Entity>', '<RmaStatus xsi:type="xsd:int">2</RmaStatus></Entity>'),
    ]);
    assert.equal(rma.returnCode, -1);
    assert.match(rma.errors[0] ?? '', /The field RmaStatus does not exist on the Ticket entity/);
    const library = await query(sim, qx('ChecklistLibrary', f('Name', 'Equals', 'x')));
    assert.match(library.errors.join('; '), /ChecklistLibrary/);
  });

  it('is a CLI flag too, refusing a revision it does not have', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'runtime/cli/atws.ts', 'sim', '--revision', '1.9.9'], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /--revision must be one of 1\.6\.1, got "1\.9\.9"/);
  });
});
