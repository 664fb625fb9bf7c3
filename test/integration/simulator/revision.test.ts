// `--revision 1.6.8`: the 1.6 endpoint serves a later metadata revision than the generated code's
// (1.6.1), the way a tenant on a later release does; the store keeps that revision's fields.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { metadata as generated16 } from '../../../generated/v1_6/metadata.js';
import { call, entity, f, fieldText, ids, mutate, query, qx, resultOf, storedEntity } from './soap-helpers.js';
import { childElements, childText } from '../../../runtime/protocol/xml/xml-tree.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 20, revision: '1.6.8' });
});
after(() => sim.close());

describe('simulator --revision 1.6.8', () => {
  it('describes fields and entities that the generated 1.6 code does not know', async () => {
    assert.equal((generated16.entities.Ticket.fields as Record<string, unknown>)['RmaStatus'], undefined, 'the premise: 1.6.1 lacks it');
    const info = resultOf(await call(sim, 'GetFieldInfo', '<psObjectType>Ticket</psObjectType>'), 'GetFieldInfoResult');
    const names = childElements(info, 'Field').map((field) => childText(field, 'Name'));
    assert.ok(names.includes('RmaStatus') && names.includes('RmaType'));
    const entities = resultOf(await call(sim, 'getEntityInfo', ''), 'GetEntityInfoResult');
    assert.ok(childElements(entities, 'EntityInfo').some((e) => childText(e, 'Name') === 'ChecklistLibrary'));
    const version = resultOf(await call(sim, 'GetWsdlVersion', ''), 'GetWsdlVersionResult');
    assert.equal(version.text, '1.6.8');
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

  it('creates and queries an entity only the revision has', async () => {
    const created = await mutate(sim, 'create', [entity('ChecklistLibrary', { Name: 'Onboarding', EntityType: 1, Active: 'true' })]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const found = await query(sim, qx('ChecklistLibrary', f('Name', 'Equals', 'Onboarding')));
    assert.deepEqual(ids(found), ids(created));
  });

  it('is a CLI flag too, refusing a revision it does not have', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'runtime/cli/atws.ts', 'sim', '--revision', '1.9.9'], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /--revision must be one of 1\.6\.8, got "1\.9\.9"/);
  });
});
