import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { Query } from '../../runtime/index.js';
import { parseQueryXml } from '../../runtime/protocol/soap/queryxml/queryxml-parser.js';
import { QUERY_OPERATORS } from '../../runtime/protocol/query/operators.js';
import { UsageError } from '../../runtime/protocol/errors.js';
import { assertGolden } from './client/golden.js';
import { known } from '../support/known-value.js';

/** python-atws's example: id > 5667 AND (Status = Complete OR IssueType = Non Work Issues). */
function seedQuery(): Query<'Ticket'> {
  return new Query('Ticket')
    .where('id', Query.GreaterThan, 5667)
    .openBracket('AND')
    .or('Status', Query.Equals, known(5))
    .or('IssueType', Query.Equals, known(14))
    .closeBracket();
}

/** The same with a group, bracketed by construction. */
function seedQueryGrouped(): Query<'Ticket'> {
  return new Query('Ticket')
    .where('id', Query.GreaterThan, 5667)
    .and((q) => q.or('Status', Query.Equals, known(5)).or('IssueType', Query.Equals, known(14)));
}

test('a group writes what openBracket/closeBracket write', () => {
  assert.equal(seedQueryGrouped().toXml(), seedQuery().toXml());
  const nested = new Query('Ticket')
    .where('Title', 'BeginsWith', 'Printer')
    .or((q) => q.where('Status', 'Equals', known(1)).and((inner) => inner.where('Priority', 'Equals', known(2)).or('Priority', 'Equals', known(4))));
  const bracketed = new Query('Ticket')
    .where('Title', 'BeginsWith', 'Printer')
    .openBracket('OR')
    .where('Status', 'Equals', known(1))
    .openBracket('AND')
    .where('Priority', 'Equals', known(2))
    .or('Priority', 'Equals', known(4))
    .closeBracket()
    .closeBracket();
  assert.equal(nested.toXml(), bracketed.toXml());
  assert.equal(
    new Query('Ticket').where((q) => q.where('id', 'Equals', 1)).toXml(),
    new Query('Ticket').openBracket().where('id', 'Equals', 1).closeBracket().toXml(),
  );
});

test('a group that holds nothing, is of another query, or leaves a bracket open is refused', () => {
  assert.throws(() => new Query('Ticket').and((q) => q), /Query\.and: the group holds no condition/);
  assert.throws(
    () => new Query('Ticket').or(() => new Query('Account').where('id', 'Equals', 1) as never),
    /Query\.or: the group function must return the Ticket query it was given/,
  );
  assert.throws(() => new Query('Ticket').where(() => undefined as never), /Query\.where: the group function must return/);
  assert.throws(() => new Query('Ticket').and((q) => q.openBracket().where('id', 'Equals', 1)), /1 bracket\(s\) still open/);
});

test("the guide's query writes the queryxml of the golden files", () => {
  assertGolden('seed-query.xml', seedQuery().toXml() + '\n');
  assertGolden('seed-query-pretty.xml', seedQuery().prettyPrint());
});

test("the guide's query means id > 5667 AND (Status = 5 OR IssueType = 14)", () => {
  const tree = parseQueryXml(seedQuery().toXml());
  assert.equal(tree.entity, 'Ticket');
  assert.deepEqual(tree.root.items[0], { kind: 'field', name: 'id', udf: false, expressions: [{ op: 'GreaterThan', value: '5667' }] });
  const group = tree.root.items[1];
  assert.equal(group?.kind, 'condition');
  assert.equal(group?.kind === 'condition' ? group.operator : undefined, 'AND');
  assert.equal(group?.kind === 'condition' ? group.items.length : 0, 2);
});

test('values: dates in US Eastern, booleans, UDFs and IsNull without a value', () => {
  const q = new Query('Ticket')
    .where('CreateDate', 'GreaterThan', new Date('2024-07-01T12:00:00Z'))
    .and('DueDateTime', 'LessThan', new Date('2024-01-15T05:30:00Z'))
    .where('Room', 'IsNull', undefined, { udf: true })
    .or('Asset Tag', 'BeginsWith', 'A-', { udf: true })
    .and('Title', 'IsNotNull');
  assertGolden('values-query.xml', q.prettyPrint());
  const tree = parseQueryXml(q.toXml());
  assert.deepEqual(tree.root.items[0], {
    kind: 'field',
    name: 'CreateDate',
    udf: false,
    expressions: [{ op: 'GreaterThan', value: '2024-07-01 08:00:00' }],
  });
  assert.deepEqual(tree.root.items[1], {
    kind: 'field',
    name: 'DueDateTime',
    udf: false,
    expressions: [{ op: 'LessThan', value: '2024-01-15 00:30:00' }],
  });
  assert.deepEqual(tree.root.items[2], { kind: 'field', name: 'Room', udf: true, expressions: [{ op: 'IsNull', value: undefined }] });
});

test('all 15 operators exist as static and instance members and as strings in any case', () => {
  const q = new Query('Ticket');
  for (const op of QUERY_OPERATORS) {
    assert.equal((Query as unknown as Record<string, unknown>)[op], op);
    assert.equal((q as unknown as Record<string, unknown>)[op], op);
  }
  const lower = new Query('Ticket').where('Title', 'contains' as 'Contains', 'x');
  assert.equal(
    parseQueryXml(lower.toXml()).root.items[0]?.kind === 'field'
      ? (parseQueryXml(lower.toXml()).root.items[0] as { expressions: Array<{ op: string }> }).expressions[0]?.op
      : '',
    'Contains',
  );
});

test('any text value round-trips through the XML escaping', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
      const xml = new Query('Ticket').where('Title', 'Equals', value).toXml();
      const field = parseQueryXml(xml).root.items[0];
      assert.equal(field?.kind === 'field' ? field.expressions[0]?.value : undefined, value);
    }),
    { numRuns: 300 },
  );
  const nasty = `<a href="x">&amp; ' \r\n\t ]]> </queryxml>`;
  const field = parseQueryXml(new Query('Ticket').where('Title', 'Equals', nasty).toXml()).root.items[0];
  assert.equal(field?.kind === 'field' ? field.expressions[0]?.value : undefined, nasty);
});

test('bad input is refused with an error naming it', () => {
  assert.throws(
    () => new Query('Ticket').where('Title', 'Bogus' as 'Equals', 'x'),
    (e: unknown) => e instanceof UsageError && /unknown operator "Bogus"/.test(e.message),
  );
  assert.throws(() => new Query('Ticket').where('Title', 'Equals', undefined as unknown as string), /a value is required/);
  assert.throws(() => new Query('Ticket').where('Title', 'IsNull' as 'Equals', 'x'), /takes no value/);
  assert.throws(() => new Query('Ticket').where('id', 'Equals', Number.NaN), /finite number/);
  assert.throws(() => new Query('Ticket').where('CreateDate', 'Equals', new Date('nope')), /invalid Date/);
  assert.throws(
    () => new Query('Ticket').where('Title', 'Equals', { a: 1 } as unknown as string),
    /must be a string, number, boolean or Date, got object/,
  );
  assert.throws(() => new Query('Ticket').closeBracket(), /no bracket is open/);
  assert.throws(() => new Query('Ticket').openBracket().closeBracket(), /holds no condition/);
  assert.throws(() => new Query('Ticket').openBracket().where('id', 'Equals', 1).toXml(), /1 bracket\(s\) still open/);
  assert.throws(() => new Query('Ticket').openBracket('XOR' as 'AND'), /'AND' or 'OR'/);
  assert.throws(() => new Query('' as 'Ticket'), /entity type name/);
});

test('console.log(query) and JSON.stringify(query) show the entity and the conditions in words, not the builder', () => {
  const q = seedQuery();
  assert.equal(inspect(q), 'Query(Ticket) { id GreaterThan 5667 AND (Status Equals 5 OR IssueType Equals 14) }');
  assert.equal(format('%o', q), inspect(q));
  assert.deepEqual(JSON.parse(JSON.stringify(q)), { entity: 'Ticket', where: 'id GreaterThan 5667 AND (Status Equals 5 OR IssueType Equals 14)' });
  const values = new Query('Ticket')
    .where('CreateDate', 'GreaterThan', new Date('2024-07-01T12:00:00Z'))
    .and('Title', 'Contains', 'print "er"')
    .or('Room', 'IsNull', undefined, { udf: true });
  assert.equal(
    inspect(values),
    'Query(Ticket) { CreateDate GreaterThan 2024-07-01T12:00:00.000Z AND Title Contains "print \\"er\\"" OR udf:Room IsNull }',
  );
  assert.equal(inspect(new Query('Ticket')), 'Query(Ticket) {}');
  assert.equal(inspect(new Query('Ticket').openBracket().where('id', 'Equals', 1)), 'Query(Ticket) { id Equals 1 (1 bracket(s) open) }');
  for (const op of QUERY_OPERATORS) assert.doesNotMatch(inspect(q), new RegExp(`${op}: '${op}'`));
});

test('the tree is frozen: a tree taken stays as it was when the query changes after', () => {
  const q = new Query('Ticket').where('id', 'GreaterThan', 1).openBracket('OR').where('Status', 'Equals', known(5)).closeBracket();
  const before = q.toTree();
  const text = JSON.stringify(before);
  q.where('Title', 'BeginsWith', 'x').openBracket().or('Priority', 'Equals', known(1)).closeBracket();
  assert.equal(JSON.stringify(before), text, 'the earlier tree did not change');
  assert.ok(Object.isFrozen(before.root) && Object.isFrozen(before.root.items) && Object.isFrozen(before.root.items[0]));
  const field = before.root.items[0] as { expressions: unknown[] };
  assert.ok(Object.isFrozen(field.expressions) && Object.isFrozen(field.expressions[0]));
  assert.throws(() => (before.root.items as unknown[]).push({}), TypeError);
  assert.equal(q.toTree().root.items.length, 4);
  const date = new Date('2024-07-01T12:00:00Z');
  const dated = new Query('Ticket').where('CreateDate', 'GreaterThan', date);
  date.setUTCFullYear(2000);
  assert.match(dated.toXml(), /2024-07-01 08:00:00/, 'the Date given was copied');
});
