// The REST transport's pure parts: the query tree as filter JSON, values both ways, entity bodies
// and routes, against the derived REST model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restModel } from 'atws/rest-model';
import { Query, UsageError } from '../../../runtime/index.js';
import { restFilter } from '../../../runtime/client/rest/rest-filter.js';
import { RestRoutes } from '../../../runtime/client/rest/rest-routes.js';
import { parseRestDate, REST_FIELD_DECODING, restJsonValue } from '../../../runtime/client/rest/rest-values.js';
import { entityBody, readItem } from '../../../runtime/client/rest/rest-entities.js';
import { pageAfter } from '../../../runtime/client/query-cursor.js';
import { metadata } from '../../../generated/v1_6/metadata.js';
import type { EntityMeta } from '../../../runtime/protocol/metadata.js';
import type { QueryTree } from '../../../runtime/protocol/query/query-tree.js';
import { known } from '../../support/known-value.js';

const routes = new RestRoutes(restModel, '1.6');
const filterOf = (q: { toTree(): QueryTree }): unknown => {
  const tree = q.toTree();
  return restFilter(tree, routes.entity(tree.entity, 'test'), routes);
};

test('fields go by their REST names, operators by REST spelling, ANDed at the top level', () => {
  const q = new Query('Account').where('AccountName', 'BeginsWith', 'Acme').and('Active', 'Equals', true).and('ParentAccountID', 'IsNull');
  assert.deepEqual(filterOf(q), [
    { op: 'beginsWith', field: 'companyName', value: 'Acme' },
    { op: 'eq', field: 'isActive', value: true },
    { op: 'notExist', field: 'parentCompanyID' },
  ]);
});

test('ORs fold left to right into groups; the paging condition wraps the whole query', () => {
  const q = new Query('Ticket').where('Status', 'Equals', known(5)).or('Priority', 'Equals', known(1));
  assert.deepEqual(filterOf(q), [
    {
      op: 'or',
      items: [
        { op: 'eq', field: 'status', value: 5 },
        { op: 'eq', field: 'priority', value: 1 },
      ],
    },
  ]);
  const paged = pageAfter(q.toTree(), 500);
  assert.deepEqual(restFilter(paged, routes.entity('Ticket', 't'), routes), [
    {
      op: 'or',
      items: [
        { op: 'eq', field: 'status', value: 5 },
        { op: 'eq', field: 'priority', value: 1 },
      ],
    },
    { op: 'gt', field: 'id', value: 500 },
  ]);
});

test('IsThisDay is the UTC day as a range; dates go as UTC without zone', () => {
  const q = new Query('Ticket').where('DueDateTime', 'IsThisDay', new Date('2031-05-06T23:30:00-04:00'));
  assert.deepEqual(filterOf(q), [
    { op: 'gte', field: 'dueDateTime', value: '2031-05-07T00:00:00.000' },
    { op: 'lt', field: 'dueDateTime', value: '2031-05-08T00:00:00.000' },
  ]);
});

test('Like, NotLike and SoundsLike, two UDFs, and SOAP-only fields are UsageErrors naming them', () => {
  for (const op of ['Like', 'NotLike', 'SoundsLike'] as const) {
    assert.throws(
      () => filterOf(new Query('Ticket').where('Title', op, 'x%')),
      (e: unknown) => e instanceof UsageError && e.message.includes(`Title ${op}`),
    );
  }
  const udfs = new Query('Ticket').where('Room', 'Equals', '1', { udf: true }).and('Floor', 'Equals', '2', { udf: true });
  assert.throws(
    () => filterOf(udfs),
    (e: unknown) => e instanceof UsageError && /1 user-defined field per query.*Room, Floor/.test(e.message),
  );
  assert.deepEqual(filterOf(new Query('Ticket').where('Room', 'Equals', '1', { udf: true })), [{ op: 'eq', field: 'Room', value: '1', udf: true }]);
  const soapOnly = restModel.entities['Account']?.soapOnlyFields[0];
  assert.ok(soapOnly !== undefined);
  assert.throws(
    () => routes.field(routes.entity('Account', 'q'), soapOnly, 'query Account'),
    (e: unknown) => e instanceof UsageError && e.message.includes(`Account.${soapOnly}`),
  );
  assert.throws(
    () => routes.entity('InstalledProductTypeUdfAssociation', 'query'),
    /InstalledProductTypeUdfAssociation has no counterpart in the REST API/,
  );
});

test('values: dates with or without Z are UTC; decimals keep their text; picklist numbers; flags across kinds', () => {
  assert.equal(parseRestDate('2012-10-24T05:00:00.000Z').toISOString(), '2012-10-24T05:00:00.000Z');
  assert.equal(parseRestDate('2012-10-24T05:00:00').toISOString(), '2012-10-24T05:00:00.000Z');
  assert.equal(parseRestDate('2020-10-05T10:59:57.537').toISOString(), '2020-10-05T10:59:57.537Z');
  assert.equal(REST_FIELD_DECODING.decoderOf('decimal')(12.3456), '12.3456');
  assert.equal(REST_FIELD_DECODING.decoderOf('integer')(5), 5);
  assert.equal(REST_FIELD_DECODING.decoderOf('integer')(true), 1);
  assert.equal(REST_FIELD_DECODING.decoderOf('boolean')(1), true);
  assert.equal(REST_FIELD_DECODING.decoderOf('string')(null), undefined);
  assert.throws(() => REST_FIELD_DECODING.decoderOf('datetime')('yesterday'), /datetime/);
  assert.equal(restJsonValue('1234567890123456.7891', 'double', 'w'), '1234567890123456.7891', 'a decimal goes as its exact text');
  assert.equal(restJsonValue(new Date('2031-05-06T14:15:16.789Z'), 'date-time', 'w'), '"2031-05-06T14:15:16.789"');
  assert.equal(restJsonValue(1, 'boolean', 'w'), 'true');
});

test('an item reads under SOAP names, REST-only properties kept, UDFs from userDefinedFields; a body writes REST names', () => {
  const rest = routes.entity('Account', 't');
  const wire = readItem(
    {
      id: 7,
      companyName: 'Acme',
      isActive: true,
      address1: null,
      someRestOnly: 3,
      userDefinedFields: [
        { name: 'Tier', value: 'Gold' },
        { name: 'Empty', value: null },
      ],
    },
    rest,
    routes.soapNames(rest),
  );
  assert.equal(wire.id, 7);
  assert.deepEqual(
    [...wire.fields],
    [
      ['AccountName', 'Acme'],
      ['Active', true],
      ['someRestOnly', 3],
    ],
  );
  assert.deepEqual(wire.udfs, [
    ['Tier', 'Gold'],
    ['Empty', null],
  ]);
  const meta = metadata.entities.Account as EntityMeta;
  const body = entityBody(
    { meta, id: 7, values: { AccountName: 'Acme' }, udfs: [['Tier', 'Gold']], nil: new Set(['Address2']), extra: [] },
    rest,
    routes,
    'update',
  );
  assert.deepEqual(JSON.parse(body), { id: 7, companyName: 'Acme', address2: null, userDefinedFields: [{ name: 'Tier', value: 'Gold' }] });
});

test('writes route through the collection, or the parent route with the parent id the entity holds', () => {
  const note = routes.entity('TicketNote', 'create');
  assert.deepEqual(routes.writeRoute(note, 'create', { TicketID: 42 }, 'create'), { path: 'Tickets/42/Notes' });
  assert.throws(
    () => routes.writeRoute(note, 'create', {}, 'create'),
    (e: unknown) => e instanceof UsageError && /Tickets\/\{TicketID\}\/Notes.*must hold TicketID/.test(e.message),
  );
  assert.deepEqual(routes.writeRoute(routes.entity('Ticket', 'c'), 'create', {}, 'create'), { path: 'Tickets' });
  assert.throws(() => routes.writeRoute(routes.entity('Ticket', 'd'), 'delete', {}, 'delete'), /cannot delete Ticket/);
});
