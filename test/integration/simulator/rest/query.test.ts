/**
 * REST queries over HTTP (simulator/README.md, "REST decisions": queries and pages): the filter
 * grammar, field names through the REST model, IncludeFields and MaxRecords, pages of 500 and how
 * their URLs are followed, counts, items and child lists.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.js';
import { errorsOf, ids, okJson, rest, searchPath } from './rest-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 1200 });
});
after(() => sim.close());

const post = async (collection: string, query: unknown) => okJson(await rest(sim, 'POST', `V1.0/${collection}/query`, { body: query }));
const refusal = async (collection: string, query: unknown) => errorsOf(await rest(sim, 'POST', `V1.0/${collection}/query`, { body: query }))[0] ?? '';
const storeIds = (entity: string, test: (values: Record<string, unknown>, id: number) => boolean): number[] =>
  [...sim.store.scan(entity)].filter((r) => test(r.values, r.id)).map((r) => r.id);

describe('REST filters', () => {
  it('answers GET ?search= and POST alike, top-level keys in any case', async () => {
    const query = { filter: [{ op: 'lt', field: 'id', value: 4 }] };
    const viaGet = okJson(await rest(sim, 'GET', searchPath('Tickets', query)));
    const viaPost = await post('Tickets', { Filter: query.filter });
    assert.deepEqual(ids(viaGet), [1, 2, 3]);
    assert.deepEqual(viaGet.items, viaPost.items);
  });

  it('maps REST field names, in any case, to the tenant fields behind them (companyID is SOAP AccountID)', async () => {
    const company = 29683503;
    const expected = storeIds('Ticket', (v) => v['AccountID'] === company);
    assert.ok(expected.length > 0);
    for (const field of ['companyID', 'CompanyID', 'COMPANYID']) {
      const answer = await post('Tickets', { filter: [{ op: 'eq', field, value: company }] });
      assert.deepEqual(ids(answer), expected.slice(0, 500), field);
      assert.ok(answer.items.every((t: { companyID: number }) => t.companyID === company));
    }
  });

  it('evaluates the 13 operators', async () => {
    const id = (op: string, value?: unknown) =>
      post('Tickets', {
        filter: [
          { op, field: 'id', ...(value === undefined ? {} : { value }) },
          { op: 'lte', field: 'id', value: 6 },
        ],
      }).then(ids);
    assert.deepEqual(await id('eq', 3), [3]);
    assert.deepEqual(await id('noteq', 3), [1, 2, 4, 5, 6]);
    assert.deepEqual(await id('gt', 4), [5, 6]);
    assert.deepEqual(await id('gte', 4), [4, 5, 6]);
    assert.deepEqual(await id('lt', 3), [1, 2]);
    assert.deepEqual(await id('in', [2, 5, 9]), [2, 5]);
    assert.deepEqual(await id('notIn', [2, 5]), [1, 3, 4, 6]);
    assert.deepEqual(await id('exist'), [1, 2, 3, 4, 5, 6]);
    const title = (op: string, value: string) => post('Tickets', { filter: [{ op, field: 'title', value }] }).then(ids);
    assert.deepEqual(
      await title('beginsWith', 'monitor flickers #1'),
      storeIds('Ticket', (v) => String(v['Title']).toLowerCase().startsWith('monitor flickers #1')).slice(0, 500),
    );
    assert.deepEqual(
      await title('endsWith', '#17'),
      storeIds('Ticket', (v) => String(v['Title']).endsWith('#17')),
    );
    assert.deepEqual(
      await title('contains', 'FLICKERS #11'),
      storeIds('Ticket', (v) => String(v['Title']).includes('flickers #11')),
    );
    const unassigned = storeIds('Ticket', (v) => v['AssignedResourceID'] === undefined);
    assert.ok(unassigned.length > 0);
    assert.deepEqual(ids(await post('Tickets', { filter: [{ op: 'notExist', field: 'assignedResourceID' }] })), unassigned.slice(0, 500));
  });

  it('nests and/or groups (op in any case) and ANDs sibling conditions', async () => {
    const answer = await post('Tickets', {
      filter: [
        { op: 'lte', field: 'id', value: 20 },
        {
          op: 'OR',
          items: [
            { op: 'eq', field: 'id', value: 2 },
            {
              op: 'and',
              items: [
                { op: 'gte', field: 'id', value: 10 },
                { op: 'lt', field: 'id', value: 12 },
              ],
            },
            { op: 'eq', field: 'id', value: 30 },
          ],
        },
      ],
    });
    assert.deepEqual(ids(answer), [2, 10, 11]);
  });

  it('ignores a condition whose operator the API does not know, as production does', async () => {
    const answer = await post('Tickets', {
      filter: [
        { op: 'ne', field: 'id', value: 1 },
        { op: 'lt', field: 'id', value: 3 },
      ],
    });
    assert.deepEqual(ids(answer), [1, 2]);
  });

  it("refuses an unknown field with production's words, a UDF named without udf:true among them", async () => {
    assert.equal(await refusal('Tickets', { filter: [{ op: 'eq', field: 'limit', value: 5 }] }), 'Unable to find limit in the Ticket Entity.');
    assert.equal(await refusal('Tickets', { filter: [{ op: 'eq', field: 'Room', value: '12B' }] }), 'Unable to find Room in the Ticket Entity.');
    // The REST model's name for the entity, not SOAP's (Account).
    assert.equal(
      await refusal('Companies', { filter: [{ op: 'eq', field: 'AccountName', value: 'x' }] }),
      'Unable to find AccountName in the Company Entity.',
    );
    for (const field of ['__proto__', 'constructor', 'toString']) {
      assert.equal(await refusal('Tickets', { filter: [{ op: 'eq', field, value: 1 }] }), `Unable to find ${field} in the Ticket Entity.`);
    }
  });

  it('filters on a UDF with udf:true, and on one UDF at most per query', async () => {
    const expected = storeIds('Ticket', () => false);
    for (const r of sim.store.scan('Ticket')) if (r.udfs?.get('Customer Mood') === '1') expected.push(r.id);
    assert.ok(expected.length > 0);
    const answer = await post('Tickets', { filter: [{ op: 'eq', field: 'customer mood', udf: true, value: '1' }] });
    assert.deepEqual(ids(answer), expected.slice(0, 500));
    assert.ok(
      answer.items.every((t: { userDefinedFields: Array<{ name: string; value: string }> }) =>
        t.userDefinedFields.some((u) => u.name === 'Customer Mood' && u.value === '1'),
      ),
    );
    assert.match(
      await refusal('Tickets', {
        filter: [
          { op: 'eq', field: 'Room', udf: true, value: 'x' },
          { op: 'eq', field: 'Asset Tag', udf: true, value: 'y' },
        ],
      }),
      /only 1 user-defined field/,
    );
  });

  it('refuses more than 500 OR conditions with the documented message (an in list counts each value)', async () => {
    const values = Array.from({ length: 501 }, (_, i) => i + 1);
    assert.equal(
      await refusal('Tickets', { filter: [{ op: 'in', field: 'id', value: values }] }),
      "Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.",
    );
    assert.equal(ids(await post('Tickets', { filter: [{ op: 'in', field: 'id', value: values.slice(0, 500) }] })).length, 500);
  });

  it('refuses a query without conditions, malformed JSON and values the API does not take', async () => {
    assert.match(await refusal('Tickets', { filter: [] }), /at least one filter condition/);
    assert.match(await refusal('Tickets', {}), /at least one filter condition/);
    assert.match(errorsOf(await rest(sim, 'GET', 'V1.0/Tickets/query?search={filter=broken'))[0]!, /not valid JSON/);
    assert.match(await refusal('Tickets', { filter: [{ op: 'eq', field: 'id', value: null }] }), /needs a value/);
    assert.match(await refusal('Tickets', { filter: [{ op: 'eq', field: 'id', value: { a: 1 } }] }), /needs a value/);
    assert.match(await refusal('Tickets', { filter: [{ op: 'in', field: 'id', value: 3 }] }), /non-empty array/);
    assert.match(errorsOf(await rest(sim, 'GET', 'V1.0/Tickets/query'))[0]!, /search parameter/);
  });

  it('reads values as the API does: numbers as text, dates with or without Z as UTC, booleans as true/false', async () => {
    assert.deepEqual(ids(await post('Tickets', { filter: [{ op: 'eq', field: 'id', value: '7' }] })), [7]);
    const created = sim.store.get('Ticket', 5)?.values['CreateDate'] as Date;
    const iso = created.toISOString();
    for (const value of [iso, iso.replace('Z', ''), iso.replace('.000Z', '')]) {
      assert.deepEqual(ids(await post('Tickets', { filter: [{ op: 'eq', field: 'createDate', value }] })), [5], value);
    }
    const active = storeIds('Account', (v) => v['Active'] === true);
    assert.deepEqual(ids(await post('Companies', { filter: [{ op: 'eq', field: 'isActive', value: true }] })), active);
  });
});

describe('REST answers of queries', () => {
  it('returns only the IncludeFields named, id and userDefinedFields, a named UDF selecting UDFs', async () => {
    const answer = await post('Tickets', { filter: [{ op: 'eq', field: 'id', value: 3 }], IncludeFields: ['Title', 'STATUS'] });
    assert.deepEqual(Object.keys(answer.items[0]).sort(), ['id', 'status', 'title', 'userDefinedFields']);
    assert.deepEqual(answer.items[0].userDefinedFields, []);
    const withUdf = await post('Tickets', { filter: [{ op: 'exist', field: 'id' }], includeFields: ['title', 'Room'], maxRecords: 40 });
    const roomed = withUdf.items.find((t: { userDefinedFields: unknown[] }) => t.userDefinedFields.length > 0);
    assert.ok(roomed, 'a ticket with a Room');
    assert.deepEqual(
      roomed.userDefinedFields.map((u: { name: string }) => u.name),
      ['Room'],
    );
    assert.equal(
      await refusal('Contacts', { filter: [{ op: 'exist', field: 'id' }], IncludeFields: ['companyName'] }),
      'Unable to find companyName in the Contact Entity.',
    );
  });

  it("answers pages of at most 500 with pageDetails; a POST query's nextPageUrl is followed with POST and the same body, never GET", async () => {
    const query = { filter: [{ op: 'gte', field: 'id', value: 0 }] };
    const first = await post('Tickets', query);
    assert.equal(first.items.length, 500);
    assert.deepEqual(
      ids(first),
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    assert.equal(first.pageDetails.count, 500);
    assert.equal(first.pageDetails.requestCount, 500);
    assert.equal(first.pageDetails.prevPageUrl, null);
    const next = first.pageDetails.nextPageUrl as string;
    assert.match(next, new RegExp(`^${sim.restUrl}V1\\.0/Tickets/query/next\\?paging=`));
    assert.doesNotMatch(next, /search=/);
    assert.equal(JSON.parse(new URL(next).searchParams.get('paging')!).pageSize, 500);
    const viaGet = await rest(sim, 'GET', next);
    assert.equal(viaGet.status, 405);
    assert.equal(viaGet.json.Message, "The requested resource does not support http method 'GET'.");
    const second = okJson(await rest(sim, 'POST', next, { body: query }));
    assert.deepEqual(
      ids(second),
      Array.from({ length: 500 }, (_, i) => i + 501),
    );
    const third = okJson(await rest(sim, 'POST', second.pageDetails.nextPageUrl, { body: query }));
    assert.deepEqual(
      ids(third),
      Array.from({ length: 200 }, (_, i) => i + 1001),
    );
    assert.equal(third.pageDetails.nextPageUrl, null);
    // prevPageUrl goes back a page.
    const back = okJson(await rest(sim, 'POST', third.pageDetails.prevPageUrl, { body: query }));
    assert.deepEqual(ids(back), ids(second));
    assert.ok(back.pageDetails.prevPageUrl);
  });

  it("carries a GET query's search in its nextPageUrl, which GET follows", async () => {
    const query = { filter: [{ op: 'gt', field: 'id', value: 100 }], IncludeFields: ['id', 'title'] };
    const first = okJson(await rest(sim, 'GET', searchPath('Tickets', query)));
    assert.equal(first.items.length, 500);
    const second = okJson(await rest(sim, 'GET', first.pageDetails.nextPageUrl));
    assert.deepEqual(
      ids(second),
      Array.from({ length: 500 }, (_, i) => i + 601),
    );
    assert.deepEqual(Object.keys(second.items[0]).sort(), ['id', 'title', 'userDefinedFields']);
    const third = okJson(await rest(sim, 'GET', second.pageDetails.nextPageUrl));
    assert.deepEqual(
      ids(third),
      Array.from({ length: 100 }, (_, i) => i + 1101),
    );
    assert.equal(third.pageDetails.nextPageUrl, null);
  });

  it('takes MaxRecords from 1 to 500 as the page size, and refuses others', async () => {
    const page = await post('Tickets', { filter: [{ op: 'exist', field: 'id' }], MaxRecords: 7 });
    assert.deepEqual(ids(page), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(page.pageDetails.requestCount, 7);
    const next = okJson(await rest(sim, 'POST', page.pageDetails.nextPageUrl, { body: { filter: [{ op: 'exist', field: 'id' }] } }));
    assert.deepEqual(ids(next), [8, 9, 10, 11, 12, 13, 14]);
    for (const max of [0, 501, 2.5, '10'])
      assert.match(
        await refusal('Tickets', { filter: [{ op: 'exist', field: 'id' }], MaxRecords: max }),
        /MaxRecords must be an integer from 1 to 500/,
      );
  });

  it('counts matches with {"queryCount": n}, by GET and POST', async () => {
    const query = { filter: [{ op: 'gt', field: 'id', value: 150 }] };
    assert.deepEqual(okJson(await rest(sim, 'POST', 'V1.0/Tickets/query/count', { body: query })), { queryCount: 1050 });
    assert.deepEqual(okJson(await rest(sim, 'GET', searchPath('Tickets', query, 'query/count'))), { queryCount: 1050 });
  });

  it('answers GET {C}/{id} with {"item": ...}, and {"item": null} for an id that does not exist', async () => {
    const company = okJson(await rest(sim, 'GET', 'V1.0/Companies/0')).item;
    assert.equal(company.id, 0);
    assert.equal(company.companyName, 'Simulated MSP (Owner)');
    assert.deepEqual(okJson(await rest(sim, 'GET', 'V1.0/Companies/9999999')), { item: null });
  });

  it("lists a parent's children through the child route, and reads one of them there", async () => {
    const company = 29683502;
    const expected = storeIds('Contact', (v) => v['AccountID'] === company);
    assert.ok(expected.length > 0);
    const list = okJson(await rest(sim, 'GET', `V1.0/Companies/${company}/Contacts`));
    assert.deepEqual(ids(list), expected);
    assert.equal(list.pageDetails.nextPageUrl, null);
    const one = okJson(await rest(sim, 'GET', `V1.0/Companies/${company}/Contacts/${expected[0]}`));
    assert.equal(one.item.id, expected[0]);
    assert.deepEqual(okJson(await rest(sim, 'GET', `V1.0/Companies/0/Contacts/${expected[0]}`)), { item: null });
  });
});
