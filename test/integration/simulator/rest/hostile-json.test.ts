/**
 * Hostile JSON against the REST front, over HTTP (simulator/README.md, "REST decisions":
 * robustness): prototype keys, deep nesting, huge arrays, numbers JSON cannot hold, bodies that are
 * no entity. Each is a clear `{"errors": [...]}`, never an internal error, and the tenant is left
 * as it was.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.js';
import { errorsOf, ids, okJson, rest } from './rest-helpers.js';

let sim: RunningSimulator;
const logged: string[] = [];
before(async () => {
  sim = await startSimulator({ tickets: 20, log: (line) => void logged.push(line) });
});
after(() => sim.close());

const refusal = async (method: string, path: string, body: string): Promise<string> => {
  const answer = await rest(sim, method, `V1.0/${path}`, { body });
  const message = errorsOf(answer)[0] ?? '';
  assert.doesNotMatch(message, /simulator failed/);
  return message;
};

describe('REST hostile JSON', () => {
  it('reads __proto__, constructor and toString as unknown names, polluting nothing', async () => {
    const before = sim.store.count('Ticket');
    assert.equal(await refusal('POST', 'Tickets', '{"__proto__": {"title": "x"}, "companyID": 0}'), 'Unable to find __proto__ in the Ticket Entity.');
    assert.equal(await refusal('POST', 'Tickets', '{"constructor": 1}'), 'Unable to find constructor in the Ticket Entity.');
    assert.match(
      await refusal('PATCH', 'Tickets', '{"id": 1, "userDefinedFields": [{"name": "toString", "value": "x"}]}'),
      /"toString" does not exist/,
    );
    assert.equal(({} as Record<string, unknown>)['title'], undefined);
    assert.equal(sim.store.count('Ticket'), before);
    // A __proto__ key inside a condition is not a member of it.
    const query = okJson(
      await rest(sim, 'POST', 'V1.0/Tickets/query', { body: '{"filter": [{"op": "eq", "field": "id", "value": 2, "__proto__": {"udf": true}}]}' }),
    );
    assert.deepEqual(ids(query), [2]);
    assert.equal(
      await refusal('POST', 'Tickets/query', '{"filter": [{"op": "eq", "field": "__proto__", "value": 1}]}'),
      'Unable to find __proto__ in the Ticket Entity.',
    );
    // ... and as collections: no route.
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const answer = await rest(sim, 'GET', `V1.0/${name}/1`);
      assert.equal(answer.status, 404, name);
      assert.match(answer.json.MessageDetail, new RegExp(`controller named '${name}'`));
    }
  });

  it('refuses JSON nested past 256 levels before parsing it, and filter groups past 64', async () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    assert.match(await refusal('POST', 'Tickets/query', deep), /nested more than 256 levels deep/);
    assert.match(await refusal('POST', 'Tickets', `{"title": ${deep}}`), /nested more than 256 levels deep/);
    let group: unknown = { op: 'eq', field: 'id', value: 1 };
    for (let i = 0; i < 70; i++) group = { op: 'and', items: [group] };
    assert.match(await refusal('POST', 'Tickets/query', JSON.stringify({ filter: [group] })), /nested more than 64 deep/);
  });

  it('refuses huge arrays by the query limits and the one-entity rule', async () => {
    const many = Array.from({ length: 200_000 }, (_, i) => i);
    assert.match(
      await refusal('POST', 'Tickets/query', JSON.stringify({ filter: [{ op: 'in', field: 'id', value: many }] })),
      /500 or fewer 'OR' conditions/,
    );
    assert.match(
      await refusal('POST', 'Tickets/query', JSON.stringify({ filter: [{ op: 'notIn', field: 'id', value: many }] })),
      /at most 2100 may be used in one query/,
    );
    const conditions = Array.from({ length: 50_000 }, () => ({ op: 'gt', field: 'id', value: 0 }));
    assert.match(await refusal('POST', 'Tickets/query', JSON.stringify({ filter: conditions })), /at most 2100 may be used in one query/);
    assert.match(
      await refusal('POST', 'Tickets', JSON.stringify(Array.from({ length: 100_000 }, () => ({ title: 'x' })))),
      /100000 entities; the REST API takes one Ticket entity per call/,
    );
    assert.match(
      await refusal(
        'POST',
        'Tickets/query',
        JSON.stringify({ filter: [{ op: 'exist', field: 'id' }], IncludeFields: Array.from({ length: 100_000 }, (_, i) => `f${i}`) }),
      ),
      /Unable to find f0 in the Ticket Entity/,
    );
  });

  it('leaves the middle out of a refusal that would quote a huge value, keeping what it names', async () => {
    const message = await refusal('POST', 'Tickets', JSON.stringify({ companyID: 0, title: 'x', status: 1, priority: 'x'.repeat(2_000_000) }));
    assert.match(message, /^Invalid value "xxx.*characters left out.*xxx" for the integer field priority of the Ticket entity\.$/);
    assert.ok(message.length < 3100, String(message.length));
  });

  it('refuses numbers JSON cannot hold and bodies that are no entity', async () => {
    assert.match(await refusal('POST', 'Tickets/query', '{"filter": [{"op": "eq", "field": "id", "value": 1e999}]}'), /needs a value/);
    assert.match(await refusal('POST', 'Tickets', '{"companyID": 1e999}'), /not a finite number/);
    for (const body of ['null', '42', '"ticket"', 'true'])
      assert.match(await refusal('POST', 'Tickets', body), /must be one Ticket entity as a JSON object/);
    for (const body of ['null', '[]', '"x"']) assert.match(await refusal('POST', 'Tickets/query', body), /must be a JSON object|at least one filter/);
    assert.match(await refusal('POST', 'Tickets/query', '{"filter": [1, "x"]}'), /must be an object/);
    assert.match(await refusal('POST', 'Tickets/query', '{"filter": [{"op": "and"}]}'), /needs an items array/);
    assert.match(await refusal('POST', 'Tickets/query', '{"filter": [{"op": "eq", "value": 1}]}'), /has no field/);
    assert.match(await refusal('POST', 'Tickets/query', '{"filter": [{"field": "id"}]}'), /has no op/);
    assert.match(
      await refusal('POST', 'Tickets/query', '{"filter": [{"op": "eq", "field": "id", "value": 1}], "Filter": []}'),
      /both "filter" and "Filter"/,
    );
    assert.match(
      await refusal('POST', 'Tickets/query/next?paging=%7B%22pageSize%22%3A1e9%7D', '{"filter": [{"op": "exist", "field": "id"}]}'),
      /pageSize must be an integer from 1 to 500/,
    );
    assert.match(
      await refusal('POST', 'Tickets/query/next?paging=%5B', '{"filter": [{"op": "exist", "field": "id"}]}'),
      /paging parameter is not valid JSON/,
    );
    assert.deepEqual(logged, []);
  });
});
