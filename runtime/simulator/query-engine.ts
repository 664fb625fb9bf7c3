/**
 * Evaluates a parsed queryxml tree (the core's `QueryTree`, the same grammar the client writes)
 * over the store: values compared by the field's type, text case-insensitively as SQL Server
 * does, at most 500 results in ascending id order. A lower/upper bound on `id` in a plain AND
 * chain turns into a range scan, so `id > last` paging costs one page, not one table.
 */
import type { EntityMeta, FieldType, FieldValue } from '../metadata.js';
import type { ConditionNode, FieldNode, QueryNode, QueryTree } from '../query/query-tree.js';
import type { QueryOperator } from '../query/operators.js';
import { formatEasternQuery, parseEastern } from '../time/eastern.js';
import type { EntityStore, StoredEntity } from './store.js';
import type { UdfDefinition } from './picklist-types.js';
import { foldCase, likePattern, soundex } from './text-match.js';

/** ATWS never returns more than this many entities from one query. */
export const QUERY_PAGE_SIZE = 500;

/** A query the API refuses; its message goes back as an ATWSError. */
export class QueryRejected extends Error {
  override readonly name = 'QueryRejected';
}

type Predicate = (record: StoredEntity) => boolean;
type Kind = 'number' | 'date' | 'boolean' | 'text';
type Comparable = number | string;

function kindOf(type: FieldType): Kind {
  switch (type) {
    case 'integer':
    case 'long':
    case 'short':
    case 'double':
    case 'float':
    case 'decimal':
      return 'number';
    case 'datetime':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'text';
  }
}

/** The value a stored field holds, as a comparable of its kind; undefined for null. */
function comparableOfStored(kind: Kind, value: FieldValue | string | undefined): Comparable | undefined {
  if (value === undefined || value === null) return undefined;
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return value instanceof Date ? value.getTime() : parseEastern(String(value)).getTime();
    case 'boolean':
      return value === true || value === 'true' || value === '1' || value === 'True' ? 1 : 0;
    case 'text':
      // SQL Server ignores trailing spaces when comparing with = and <.
      return foldCase(String(value)).trimEnd();
  }
}

/** The stored value as text, for the text operators applied to any field type. */
function textOfStored(value: FieldValue | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return formatEasternQuery(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

function parseQueryValue(kind: Kind, text: string, field: string, entity: string): Comparable {
  const trimmed = text.trim();
  switch (kind) {
    case 'number': {
      const n = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(n)) {
        throw new QueryRejected(`Invalid value "${text}" for numeric field ${field} of the ${entity} Entity.`);
      }
      return n;
    }
    case 'date': {
      try {
        return parseEastern(trimmed).getTime();
      } catch {
        throw new QueryRejected(`Invalid date "${text}" for field ${field} of the ${entity} Entity.`);
      }
    }
    case 'boolean': {
      const t = trimmed.toLowerCase();
      if (t === 'true' || t === '1') return 1;
      if (t === 'false' || t === '0') return 0;
      throw new QueryRejected(`Invalid boolean "${text}" for field ${field} of the ${entity} Entity.`);
    }
    case 'text':
      return foldCase(text).trimEnd();
  }
}

function easternDay(time: number): string {
  return formatEasternQuery(new Date(time)).slice(0, 10);
}

interface FieldAccess {
  kind: Kind;
  read: (record: StoredEntity) => FieldValue | string | undefined;
}

function fieldAccess(node: FieldNode, meta: EntityMeta, udfs: readonly UdfDefinition[]): FieldAccess {
  if (node.udf) {
    const udf = udfs.find((u) => foldCase(u.name) === foldCase(node.name));
    if (!udf) {
      throw new QueryRejected(`Unable to find user-defined field "${node.name}" in the ${meta.name} Entity.`);
    }
    const name = udf.name;
    return { kind: kindOf(udf.type), read: (r) => r.udfs?.get(name) };
  }
  const field =
    meta.fields[node.name] ?? Object.values(meta.fields).find((f) => foldCase(f.name) === foldCase(node.name));
  if (!field) throw new QueryRejected(`Unable to find the field "${node.name}" in the ${meta.name} Entity.`);
  if (!field.queryable) throw new QueryRejected(`The field "${field.name}" of the ${meta.name} Entity is not queryable.`);
  const name = field.name;
  if (name === 'id') return { kind: 'number', read: (r) => r.id };
  return { kind: kindOf(field.type), read: (r) => r.values[name] };
}

function compileExpression(
  access: FieldAccess,
  op: QueryOperator,
  valueText: string | undefined,
  fieldName: string,
  entity: string,
): Predicate {
  const { kind, read } = access;
  if (op === 'IsNull') return (r) => read(r) === undefined;
  if (op === 'IsNotNull') return (r) => read(r) !== undefined;
  if (valueText === undefined) {
    throw new QueryRejected(`The ${op} expression on field ${fieldName} needs a value.`);
  }
  const textOp = (test: (text: string) => boolean): Predicate => (r) => {
    const text = textOfStored(read(r));
    return text !== undefined && test(foldCase(text));
  };
  const needle = foldCase(valueText);
  switch (op) {
    case 'BeginsWith':
      return textOp((t) => t.startsWith(needle));
    case 'EndsWith':
      return textOp((t) => t.endsWith(needle));
    case 'Contains':
      return textOp((t) => t.includes(needle));
    case 'Like': {
      const pattern = likePattern(valueText);
      return textOp((t) => pattern.test(t));
    }
    case 'NotLike': {
      const pattern = likePattern(valueText);
      return textOp((t) => !pattern.test(t));
    }
    case 'SoundsLike': {
      const code = soundex(valueText);
      return textOp((t) => soundex(t) === code);
    }
    case 'IsThisDay': {
      if (kind !== 'date') throw new QueryRejected(`IsThisDay needs a date field; ${fieldName} is not one.`);
      const day = easternDay(parseQueryValue('date', valueText, fieldName, entity) as number);
      return (r) => {
        const v = comparableOfStored(kind, read(r));
        return v !== undefined && easternDay(v as number) === day;
      };
    }
    default:
      break;
  }
  const target = parseQueryValue(kind, valueText, fieldName, entity);
  const compare = (test: (v: Comparable) => boolean): Predicate => (r) => {
    const v = comparableOfStored(kind, read(r));
    return v !== undefined && test(v);
  };
  switch (op) {
    case 'Equals':
      return compare((v) => v === target);
    case 'NotEqual':
      return compare((v) => v !== target);
    case 'GreaterThan':
      return compare((v) => v > target);
    case 'LessThan':
      return compare((v) => v < target);
    case 'GreaterThanorEquals':
      return compare((v) => v >= target);
    case 'LessThanOrEquals':
      return compare((v) => v <= target);
    default:
      throw new QueryRejected(`Unsupported operator ${String(op)} on field ${fieldName}.`);
  }
}

function compileNode(node: QueryNode, meta: EntityMeta, udfs: readonly UdfDefinition[]): Predicate {
  if (node.kind === 'field') {
    const access = fieldAccess(node, meta, udfs);
    if (node.expressions.length === 0) {
      throw new QueryRejected(`The field ${node.name} has no expression.`);
    }
    const parts = node.expressions.map((e) => compileExpression(access, e.op, e.value, node.name, meta.name));
    if (parts.length === 1) return parts[0] as Predicate;
    return (r) => parts.every((p) => p(r));
  }
  return compileCondition(node, meta, udfs);
}

/** Items combine left to right, each with its own operator (a field's is AND). */
function compileCondition(node: ConditionNode, meta: EntityMeta, udfs: readonly UdfDefinition[]): Predicate {
  const items = node.items.map((item) => ({
    operator: item.kind === 'condition' ? item.operator : 'AND',
    test: compileNode(item, meta, udfs),
  }));
  const first = items[0];
  if (!first) return () => true;
  const rest = items.slice(1);
  return (r) => {
    let result = first.test(r);
    for (const item of rest) {
      if (item.operator === 'OR') result = result || item.test(r);
      else result = result && item.test(r);
    }
    return result;
  };
}

/** Id range implied by a top-level AND chain (the usual paging query), for a range scan. */
function idRange(root: ConditionNode): { from: number; to: number } {
  const range = { from: -Infinity, to: Infinity };
  const andChain = root.items.every((item, i) => i === 0 || item.kind === 'field' || item.operator === 'AND');
  if (!andChain) return range;
  for (const item of root.items) {
    if (item.kind !== 'field' || item.udf || item.name.toLowerCase() !== 'id') continue;
    for (const { op, value } of item.expressions) {
      const n = Number(value);
      if (value === undefined || value.trim() === '' || !Number.isFinite(n)) continue;
      if (op === 'GreaterThan') range.from = Math.max(range.from, Math.floor(n) + 1);
      else if (op === 'GreaterThanorEquals') range.from = Math.max(range.from, Math.ceil(n));
      else if (op === 'Equals') {
        range.from = Math.max(range.from, Math.ceil(n));
        range.to = Math.min(range.to, Math.floor(n));
      } else if (op === 'LessThan') range.to = Math.min(range.to, Math.ceil(n) - 1);
      else if (op === 'LessThanOrEquals') range.to = Math.min(range.to, Math.floor(n));
    }
  }
  return range;
}

/** Compiles a query once; throws {@link QueryRejected} for unknown fields, bad values, ... */
export function compileQuery(
  tree: QueryTree,
  meta: EntityMeta,
  udfs: readonly UdfDefinition[],
): { predicate: Predicate; from: number; to: number } {
  return { predicate: compileCondition(tree.root, meta, udfs), ...idRange(tree.root) };
}

/** Runs a query: the first `limit` matching records in ascending id order. */
export function runQuery(
  store: EntityStore,
  tree: QueryTree,
  meta: EntityMeta,
  udfs: readonly UdfDefinition[],
  limit = QUERY_PAGE_SIZE,
): StoredEntity[] {
  const { predicate, from, to } = compileQuery(tree, meta, udfs);
  const results: StoredEntity[] = [];
  if (from > to) return results;
  for (const record of store.scan(meta.name, from, to)) {
    if (predicate(record)) {
      results.push(record);
      if (results.length >= limit) break;
    }
  }
  return results;
}
