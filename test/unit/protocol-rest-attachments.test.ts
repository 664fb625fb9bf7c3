// The attachment parents the client and the simulator route by (runtime/protocol/rest/rest-attachments.ts)
// are exactly the swagger's `/V1.0/{Parent}/{parentId}/Attachments` routes, each with POST and GET,
// and GET and DELETE by id: the table is checked against the API's own description.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REST_ATTACHMENT_PARENTS, restAttachmentParent } from 'atws/protocol';
import { needsShared, sharedAtws } from '../support/shared.js';

describe('REST attachment parents', () => {
  it('are the swagger paths with an Attachments child, with the same four methods', { skip: needsShared() }, async () => {
    const swagger = JSON.parse(await readFile(join(sharedAtws, 'rest', 'swagger.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const parents = new Map<string, string[]>();
    for (const [path, operations] of Object.entries(swagger.paths)) {
      const match = /^\/V1\.0\/(\w+)\/\{parentId\}\/Attachments(\/\{id\})?$/.exec(path);
      if (match === null) continue;
      const methods = Object.keys(operations).map((m) => `${match[2] === undefined ? '' : 'id '}${m}`);
      parents.set(match[1] as string, [...(parents.get(match[1] as string) ?? []), ...methods]);
    }
    assert.deepEqual([...parents.keys()].sort(), [...REST_ATTACHMENT_PARENTS].sort());
    for (const [parent, methods] of parents) assert.deepEqual(methods.sort(), ['get', 'id delete', 'id get', 'post'], parent);
  });

  it('are found in any case, as the swagger spells them', () => {
    assert.equal(restAttachmentParent('tickets'), 'Tickets');
    assert.equal(restAttachmentParent('CONFIGURATIONITEMS'), 'ConfigurationItems');
    assert.equal(restAttachmentParent('Contracts'), undefined);
  });
});
