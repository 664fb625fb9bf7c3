/**
 * Writes a `QueryTree` as the queryxml document `query(sXML)` takes:
 * `<queryxml><entity>Ticket</entity><query>...</query></queryxml>`.
 */
import { escapeXmlAttr, escapeXmlText } from '../xml/escape.js';
import { normalizeOperator, operatorTakesValue } from '../../query/operators.js';
import type { ConditionNode, FieldNode, QueryNode, QueryTree, QueryValue } from '../../query/query-tree.js';
import { formatEasternQuery, formatEasternWire } from '../../time/eastern.js';
import { QueryXmlError } from './query-xml-error.js';

export { QueryXmlError } from './query-xml-error.js';

export interface WriteQueryXmlOptions {
  /** Indent with two spaces, one element per line (a field stays on one line: its name is text). */
  pretty?: boolean;
}

/**
 * A value as queryxml writes it: dates in US Eastern time, as the API reads them. A date on a whole
 * second is `YYYY-MM-DD HH:MM:SS` (the form python-atws sent production); one with milliseconds keeps
 * them, in the form the "Time and date" page asks date-times to be submitted in
 * (`yyyy-mm-ddThh:mm:ss.ms`, as ATWS writes them, trailing zeros dropped): the API stores and returns
 * milliseconds, so a query that dropped them would never match a value written with them
 * (ecitsolutions/Autotask sends query dates with their fraction, too).
 */
export function queryValueText(field: string, value: QueryValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new QueryXmlError(`Query: the value for "${field}" must be a finite number, got ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new QueryXmlError(`Query: the value for "${field}" is an invalid Date`);
    return value.getTime() % 1000 === 0 ? formatEasternQuery(value) : formatEasternWire(value);
  }
  throw new QueryXmlError(`Query: the value for "${field}" must be a string, number, boolean or Date, got ${value === null ? 'null' : typeof value}`);
}

function fieldXml(field: FieldNode): string {
  if (typeof field.name !== 'string' || field.name.trim() === '') {
    throw new QueryXmlError('Query: a field has no name');
  }
  if (field.expressions.length === 0) {
    throw new QueryXmlError(`Query: field "${field.name}" has no expression`);
  }
  let xml = field.udf ? `<field udf="true">${escapeXmlText(field.name)}` : `<field>${escapeXmlText(field.name)}`;
  for (const { op, value } of field.expressions) {
    const canonical = normalizeOperator(op);
    if (canonical === undefined) throw new QueryXmlError(`Query: field "${field.name}" has an unknown operator ${JSON.stringify(op)}`);
    if (!operatorTakesValue(canonical)) {
      xml += `<expression op="${canonical}"/>`;
    } else if (value === undefined) {
      throw new QueryXmlError(`Query: field "${field.name}" ${canonical} needs a value`);
    } else {
      xml += `<expression op="${canonical}">${escapeXmlText(queryValueText(field.name, value))}</expression>`;
    }
  }
  return `${xml}</field>`;
}

function itemsXml(items: readonly QueryNode[], indent: string | undefined, out: string[]): void {
  for (const item of items) {
    if (item.kind === 'field') {
      out.push(indent === undefined ? fieldXml(item) : `${indent}${fieldXml(item)}\n`);
    } else if (item.kind === 'condition') {
      conditionXml(item, indent, out);
    } else {
      throw new QueryXmlError(`Query: unknown node kind ${JSON.stringify((item as { kind: unknown }).kind)}`);
    }
  }
}

function conditionXml(condition: ConditionNode, indent: string | undefined, out: string[]): void {
  if (condition.items.length === 0) throw new QueryXmlError('Query: a bracket (condition) holds no field or condition');
  if (condition.operator !== 'AND' && condition.operator !== 'OR') {
    throw new QueryXmlError(`Query: a condition's operator must be AND or OR, got ${JSON.stringify(condition.operator)}`);
  }
  const open = `<condition operator="${escapeXmlAttr(condition.operator)}">`;
  if (indent === undefined) {
    out.push(open);
    itemsXml(condition.items, undefined, out);
    out.push('</condition>');
  } else {
    out.push(`${indent}${open}\n`);
    itemsXml(condition.items, `${indent}  `, out);
    out.push(`${indent}</condition>\n`);
  }
}

/**
 * Writes the queryxml of a tree. Throws `QueryXmlError` on a tree that cannot be written (no entity,
 * a field with no expression, an empty bracket, a missing value).
 *
 * @example writeQueryXml({ entity: 'Ticket', root: { kind: 'condition', operator: 'AND', items: [
 *   { kind: 'field', name: 'id', udf: false, expressions: [{ op: 'GreaterThan', value: '0' }] }] } })
 */
export function writeQueryXml(tree: QueryTree, options: WriteQueryXmlOptions = {}): string {
  if (typeof tree.entity !== 'string' || tree.entity.trim() === '') throw new QueryXmlError('Query: no entity type given');
  const entity = `<entity>${escapeXmlText(tree.entity)}</entity>`;
  const out: string[] = [];
  if (options.pretty === true) {
    itemsXml(tree.root.items, '    ', out);
    const query = out.length === 0 ? '  <query></query>\n' : `  <query>\n${out.join('')}  </query>\n`;
    return `<queryxml>\n  ${entity}\n${query}</queryxml>\n`;
  }
  itemsXml(tree.root.items, undefined, out);
  return `<queryxml>${entity}<query>${out.join('')}</query></queryxml>`;
}
