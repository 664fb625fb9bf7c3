/**
 * Reads a queryxml document into a `QueryTree`, accepting what a generic client writes:
 * whitespace between elements, CDATA, an XML declaration, elements in any namespace (prefixed or
 * default), operator names and AND/OR in any case. Anything else malformed or unknown is refused
 * with a `QueryXmlError` that says what and where.
 */
import { parseXml, XmlSyntaxError, type XmlElement } from '../xml/xml-tree.js';
import { normalizeOperator, operatorTakesValue, QUERY_OPERATORS } from '../../query/operators.js';
import type { ConditionNode, FieldExpression, FieldNode, QueryNode, QueryTree } from '../../query/query-tree.js';
import { QueryXmlError } from './query-xml-error.js';

export { QueryXmlError } from './query-xml-error.js';

/**
 * How deep `<condition>`s may nest. Autotask documents no limit; a query a person or a builder
 * writes stays far below this, and a document nested past it is refused with a clear error
 * instead of exhausting the call stack (our choice).
 */
export const MAX_CONDITION_DEPTH = 64;

const fail = (message: string): QueryXmlError => new QueryXmlError(`Invalid queryxml: ${message}`);
const isBlank = (text: string): boolean => text.trim() === '';

/** Refuses attributes other than namespace declarations and the allowed ones. */
function checkAttributes(el: XmlElement, allowed: readonly string[], where: string): void {
  for (const name of Object.keys(el.attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || allowed.includes(name)) continue;
    throw fail(`unknown attribute "${name}" on <${el.name}> ${where}`);
  }
}

function checkNoText(el: XmlElement, where: string): void {
  if (!isBlank(el.text)) throw fail(`unexpected text ${JSON.stringify(el.text.trim())} in <${el.name}> ${where}`);
}

function parseExpression(el: XmlElement, field: string): FieldExpression {
  const where = `of field "${field}"`;
  checkAttributes(el, ['op'], where);
  if (el.children.length > 0) throw fail(`<expression> ${where} holds an element <${el.children[0]?.name}>`);
  const written = el.attributes['op'];
  if (written === undefined) throw fail(`<expression> ${where} has no op attribute`);
  const op = normalizeOperator(written.trim());
  if (op === undefined) {
    throw fail(`unknown operator ${JSON.stringify(written)} ${where}; known: ${QUERY_OPERATORS.join(', ')}`);
  }
  return { op, value: operatorTakesValue(op) ? el.text : undefined };
}

function parseField(el: XmlElement): FieldNode {
  const name = el.text.trim();
  if (name === '') throw fail('a <field> has no field name');
  checkAttributes(el, ['udf'], `of field "${name}"`);
  const udfText = el.attributes['udf']?.trim().toLowerCase();
  if (udfText !== undefined && udfText !== 'true' && udfText !== 'false') {
    throw fail(`field "${name}" has udf=${JSON.stringify(el.attributes['udf'])}; expected true or false`);
  }
  const expressions = el.children.map((child) => {
    if (child.name !== 'expression') throw fail(`unexpected <${child.name}> in field "${name}"`);
    return parseExpression(child, name);
  });
  if (expressions.length === 0) throw fail(`field "${name}" has no <expression>`);
  return { kind: 'field', name, udf: udfText === 'true', expressions };
}

function parseItems(el: XmlElement, where: string, depth: number): QueryNode[] {
  checkNoText(el, where);
  return el.children.map((child): QueryNode => {
    if (child.name === 'field') return parseField(child);
    if (child.name === 'condition') return parseCondition(child, depth + 1);
    throw fail(`unexpected <${child.name}> ${where}; expected <field> or <condition>`);
  });
}

function parseCondition(el: XmlElement, depth: number): ConditionNode {
  if (depth > MAX_CONDITION_DEPTH) throw fail(`<condition> elements are nested more than ${MAX_CONDITION_DEPTH} deep`);
  checkAttributes(el, ['operator'], 'in <query>');
  const written = el.attributes['operator'];
  const operator = written === undefined ? 'AND' : written.trim().toUpperCase();
  if (operator !== 'AND' && operator !== 'OR') {
    throw fail(`<condition> has operator=${JSON.stringify(written)}; expected AND or OR`);
  }
  const items = parseItems(el, 'in <condition>', depth);
  if (items.length === 0) throw fail('a <condition> holds no <field> or <condition>');
  return { kind: 'condition', operator, items };
}

/**
 * Parses queryxml into a query tree (the root condition stands for `<query>`, operator AND).
 *
 * @example parseQueryXml('<queryxml><entity>Ticket</entity><query><field>id<expression op="greaterthan">0</expression></field></query></queryxml>')
 */
export function parseQueryXml(xml: string): QueryTree {
  let doc: XmlElement;
  try {
    doc = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new QueryXmlError(`Invalid queryxml: ${error.message}`, { cause: error });
    throw error;
  }
  if (doc.name !== 'queryxml') throw fail(`the root element is <${doc.name}>, expected <queryxml>`);
  checkAttributes(doc, ['version'], 'at the root');
  checkNoText(doc, 'at the root');
  let entity: string | undefined;
  let query: XmlElement | undefined;
  for (const child of doc.children) {
    if (child.name === 'entity') {
      if (entity !== undefined) throw fail('more than one <entity>');
      checkAttributes(child, [], '');
      if (child.children.length > 0) throw fail(`<entity> holds an element <${child.children[0]?.name}>`);
      entity = child.text.trim();
      if (entity === '') throw fail('<entity> is empty');
    } else if (child.name === 'query') {
      if (query !== undefined) throw fail('more than one <query>');
      checkAttributes(child, [], '');
      query = child;
    } else {
      throw fail(`unexpected <${child.name}> in <queryxml>; expected <entity> and <query>`);
    }
  }
  if (entity === undefined) throw fail('no <entity> (the entity type to query)');
  if (query === undefined) throw fail('no <query>');
  return { entity, root: { kind: 'condition', operator: 'AND', items: parseItems(query, 'in <query>', 0) } };
}
