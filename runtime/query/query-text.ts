/**
 * A query's conditions in words, whatever the wire: what `console.log(query)` and
 * `JSON.stringify(query)` show. `id GreaterThan 5667 AND (Status Equals 5 OR IssueType Equals 14)`:
 * the API's operator names, strings quoted, dates as ISO instants, UDFs as `udf:Name`, a group of
 * more than one item in parentheses.
 */
import type { ConditionNode, FieldNode, QueryNode, QueryValue } from '../protocol/query/query-tree.js';

function valueText(value: QueryValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value);
}

function fieldText(field: FieldNode): string {
  const name = field.udf ? `udf:${field.name}` : field.name;
  return field.expressions.map(({ op, value }) => (value === undefined ? `${name} ${op}` : `${name} ${op} ${valueText(value)}`)).join(' AND ');
}

function itemsText(items: readonly QueryNode[]): string {
  return items
    .map((item, i) => {
      const text = item.kind === 'field' ? fieldText(item) : groupText(item);
      return i === 0 ? text : `${item.kind === 'condition' ? item.operator : 'AND'} ${text}`;
    })
    .join(' ');
}

function groupText(group: ConditionNode): string {
  const text = itemsText(group.items);
  return group.items.length > 1 ? `(${text})` : text;
}

/**
 * The conditions of a query's root group in words ('' when there are none).
 *
 * @example describeConditions(new Query('Ticket').where('id', 'GreaterThan', 0).toTree().root) // "id GreaterThan 0"
 */
export function describeConditions(root: ConditionNode): string {
  return itemsText(root.items);
}
