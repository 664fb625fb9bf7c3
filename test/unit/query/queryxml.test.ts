import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { queryValueText, writeQueryXml } from '../../../runtime/protocol/soap/queryxml/queryxml-writer.js';
import { parseEastern } from '../../../runtime/protocol/time/eastern.js';
import { parseQueryXml } from '../../../runtime/protocol/soap/queryxml/queryxml-parser.js';
import { QueryXmlError } from '../../../runtime/protocol/soap/queryxml/query-xml-error.js';
import { QUERY_OPERATORS, operatorTakesValue, type QueryOperator } from '../../../runtime/protocol/query/operators.js';
import type { ConditionNode, FieldNode, QueryNode, QueryTree } from '../../../runtime/protocol/query/query-tree.js';
import { AtwsError } from '../../../runtime/protocol/errors.js';
import { stripInvalidXmlChars } from '../../../runtime/protocol/soap/xml/escape.js';

const golden = (name: string): URL => new URL(`../../golden/query/${name}.xml`, import.meta.url);

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it (then review the diff). */
function assertGolden(name: string, actual: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden(name), actual);
  assert.equal(actual, readFileSync(golden(name), 'utf8'), `golden ${name}.xml`);
}

const field = (name: string, op: QueryOperator, value?: string, udf = false): FieldNode => ({
  kind: 'field',
  name,
  udf,
  expressions: [{ op, value }],
});
const group = (operator: 'AND' | 'OR', ...items: QueryNode[]): ConditionNode => ({ kind: 'condition', operator, items });
const tree = (entity: string, ...items: QueryNode[]): QueryTree => ({ entity, root: group('AND', ...items) });

const CASES: Record<string, QueryTree> = {
  // WHERE id > 5667, open_bracket('AND'), OR Status = 5, OR IssueType = 7, close_bracket.
  seed: tree(
    'Ticket',
    field('id', 'GreaterThan', '5667'),
    group('AND', group('OR', field('Status', 'Equals', '5')), group('OR', field('IssueType', 'Equals', '7'))),
  ),
  udf: tree('Account', field('Asset Tag', 'BeginsWith', 'AT-', true), field('AccountName', 'Contains', 'Acme')),
  nested: tree(
    'Ticket',
    group('AND', field('Priority', 'Equals', '1'), group('OR', group('AND', field('QueueID', 'Equals', '8'), field('Status', 'NotEqual', '5')))),
    group('OR', field('CreateDate', 'GreaterThanorEquals', '2024-03-10 01:59:59')),
  ),
  isnull: tree('Ticket', field('CompletedDate', 'IsNull'), field('AssignedResourceID', 'IsNotNull'), {
    kind: 'field',
    name: 'DueDateTime',
    udf: false,
    expressions: [
      { op: 'GreaterThan', value: '2024-01-01 00:00:00' },
      { op: 'LessThanOrEquals', value: '2024-12-31 23:59:59' },
    ],
  }),
  text: tree(
    'Ticket',
    field('Title', 'Equals', `a<b & c]]>d "quoted" 'single' – ça 日本 🎉`),
    field('Description', 'Like', '  spaced\r\n\tvalue  '),
    field('Resolution', 'Equals', ''),
  ),
  empty: tree('Resource'),
};

describe('writeQueryXml', () => {
  it("writes the guide's query as openBracket(AND) then two one-item OR conditions", () => {
    assert.equal(
      writeQueryXml(CASES['seed'] as QueryTree),
      '<queryxml><entity>Ticket</entity><query>' +
        '<field>id<expression op="GreaterThan">5667</expression></field>' +
        '<condition operator="AND">' +
        '<condition operator="OR"><field>Status<expression op="Equals">5</expression></field></condition>' +
        '<condition operator="OR"><field>IssueType<expression op="Equals">7</expression></field></condition>' +
        '</condition></query></queryxml>',
    );
  });

  for (const [name, t] of Object.entries(CASES)) {
    it(`matches golden ${name}.xml (pretty) and round-trips, compact and pretty`, () => {
      const pretty = writeQueryXml(t, { pretty: true });
      assertGolden(name, pretty);
      assert.deepEqual(parseQueryXml(pretty), t);
      assert.deepEqual(parseQueryXml(writeQueryXml(t)), t);
    });
  }

  it('writes IsNull without a value and a UDF field with udf="true"', () => {
    assert.match(writeQueryXml(CASES['isnull'] as QueryTree), /<field>CompletedDate<expression op="IsNull"\/><\/field>/);
    assert.match(writeQueryXml(CASES['udf'] as QueryTree), /<field udf="true">Asset Tag<expression op="BeginsWith">AT-<\/expression><\/field>/);
  });

  it('writes a date in US Eastern time, keeping its milliseconds when it has any (the API stores them)', () => {
    assert.equal(queryValueText('DueDateTime', new Date('2024-07-01T12:00:00Z')), '2024-07-01 08:00:00');
    assert.equal(queryValueText('DueDateTime', new Date('2024-07-01T12:00:00.120Z')), '2024-07-01T08:00:00.12');
    assert.equal(queryValueText('DueDateTime', new Date('2024-01-15T05:30:00.007Z')), '2024-01-15T00:30:00.007');
    for (const iso of ['2024-07-01T12:00:00.120Z', '2024-03-10T06:59:59.999Z', '1969-12-31T23:59:59.500Z']) {
      assert.equal(parseEastern(queryValueText('x', new Date(iso))).toISOString(), new Date(iso).toISOString(), iso);
    }
  });

  it('refuses trees it cannot write', () => {
    const bad: Array<[QueryTree, RegExp]> = [
      [tree(''), /no entity type/],
      [tree('Ticket', { kind: 'field', name: 'id', udf: false, expressions: [] }), /field "id" has no expression/],
      [tree('Ticket', field(' ', 'Equals', '1')), /a field has no name/],
      [tree('Ticket', group('OR')), /holds no field or condition/],
      [tree('Ticket', field('id', 'Equals')), /field "id" Equals needs a value/],
      [tree('Ticket', field('id', 'Equal' as QueryOperator, '1')), /unknown operator "Equal"/],
      [tree('Ticket', { kind: 'condition', operator: 'XOR' as 'OR', items: [field('id', 'IsNull')] }), /must be AND or OR, got "XOR"/],
    ];
    for (const [t, message] of bad)
      assert.throws(
        () => writeQueryXml(t),
        (e: unknown) => e instanceof QueryXmlError && message.test(e.message),
        String(message),
      );
  });
});

describe('parseQueryXml', () => {
  it('accepts whitespace, CDATA, a declaration, namespaces and any case of operators', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
      <q:queryxml xmlns:q="urn:anything" version="1.0">
        <q:entity> Ticket </q:entity>
        <q:query>
          <q:field udf="TRUE">
            My UDF
            <q:expression op="beginswith"><![CDATA[<raw> & text]]></q:expression>
          </q:field>
          <q:condition operator="or">
            <q:field>id<q:expression op="GREATERTHANOREQUALS">10</q:expression><q:expression op="isnull">ignored</q:expression></q:field>
          </q:condition>
          <condition xmlns="urn:default"><field>Title<expression op="Equals"/></field></condition>
        </q:query>
      </q:queryxml>`;
    assert.deepEqual(parseQueryXml(xml), {
      entity: 'Ticket',
      root: group(
        'AND',
        field('My UDF', 'BeginsWith', '<raw> & text', true),
        group('OR', {
          kind: 'field',
          name: 'id',
          udf: false,
          expressions: [
            { op: 'GreaterThanorEquals', value: '10' },
            { op: 'IsNull', value: undefined },
          ],
        }),
        group('AND', field('Title', 'Equals', '')),
      ),
    });
  });

  it('refuses malformed or unknown input with a QueryXmlError saying what', () => {
    const q = (inner: string, entity = '<entity>Ticket</entity>'): string => `<queryxml>${entity}<query>${inner}</query></queryxml>`;
    const bad: Array<[string, RegExp]> = [
      ['', /Invalid queryxml: Malformed XML/],
      ['<queryxml><entity>Ticket</entity><query>', /Malformed XML/],
      ['<query/>', /root element is <query>, expected <queryxml>/],
      ['<queryxml><query/></queryxml>', /no <entity>/],
      ['<queryxml><entity>Ticket</entity></queryxml>', /no <query>/],
      [q('', '<entity> </entity>'), /<entity> is empty/],
      [q('', '<entity>A</entity><entity>B</entity>'), /more than one <entity>/],
      ['<queryxml><entity>T</entity><query/><query/></queryxml>', /more than one <query>/],
      ['<queryxml><entity>T</entity><query/><limit>5</limit></queryxml>', /unexpected <limit> in <queryxml>/],
      [q('<field>id<expression op="Equal">1</expression></field>'), /unknown operator "Equal" of field "id"; known: Equals, NotEqual/],
      [q('<field>id<expression>1</expression></field>'), /no op attribute/],
      [q('<field>id</field>'), /field "id" has no <expression>/],
      [q('<field><expression op="Equals">1</expression></field>'), /a <field> has no field name/],
      [q('<field udf="yes">x<expression op="Equals">1</expression></field>'), /udf="yes"; expected true or false/],
      [q('<field>id<value>1</value></field>'), /unexpected <value> in field "id"/],
      [q('<field>id<expression op="Equals">1<b/></expression></field>'), /holds an element <b>/],
      [q('<condition operator="XOR"><field>id<expression op="IsNull"/></field></condition>'), /operator="XOR"; expected AND or OR/],
      [q('<condition></condition>'), /a <condition> holds no <field> or <condition>/],
      [q('<fields/>'), /unexpected <fields> in <query>; expected <field> or <condition>/],
      [q('stray<field>id<expression op="IsNull"/></field>'), /unexpected text "stray" in <query>/],
      [q('<field foo="1">id<expression op="IsNull"/></field>'), /unknown attribute "foo" on <field>/],
    ];
    for (const [xml, message] of bad) {
      assert.throws(
        () => parseQueryXml(xml),
        (e: unknown) => e instanceof QueryXmlError && e instanceof AtwsError && message.test(e.message),
        `${xml} -> ${message}`,
      );
    }
  });

  it('round-trips arbitrary trees (property)', () => {
    // Characters XML cannot carry are stripped on writing, so trees hold none.
    const text = fc
      .string({ unit: fc.oneof(fc.constantFrom('<', '&', '>', ']', '"', "'", '\r', '\n', '\t', ' '), fc.string({ unit: 'grapheme', maxLength: 1 })) })
      .filter((s) => stripInvalidXmlChars(s) === s);
    const name = text.filter((s) => s.trim() === s && s !== '');
    const expression = fc
      .constantFrom(...QUERY_OPERATORS)
      .chain((op) => (operatorTakesValue(op) ? text : fc.constant(undefined)).map((value) => ({ op, value })));
    const plain = { noNullPrototype: true } as const;
    const fieldArb = fc.record(
      {
        kind: fc.constant('field' as const),
        name,
        udf: fc.boolean(),
        expressions: fc.array(expression, { minLength: 1, maxLength: 3 }),
      },
      plain,
    );
    const { node } = fc.letrec<{ node: QueryNode; condition: ConditionNode }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fieldArb, tie('condition')),
      condition: fc.record(
        {
          kind: fc.constant('condition' as const),
          operator: fc.constantFrom('AND' as const, 'OR' as const),
          items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
        },
        plain,
      ),
    }));
    const treeArb = fc.record(
      {
        entity: name,
        root: fc.record(
          {
            kind: fc.constant('condition' as const),
            operator: fc.constant('AND' as const),
            items: fc.array(node, { maxLength: 4 }),
          },
          plain,
        ),
      },
      plain,
    );
    fc.assert(
      fc.property(treeArb, (t) => {
        assert.deepEqual(parseQueryXml(writeQueryXml(t)), t);
        assert.deepEqual(parseQueryXml(writeQueryXml(t, { pretty: true })), t);
      }),
      { numRuns: 500 },
    );
  });
});
