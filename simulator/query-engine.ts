/**
 * Evaluates a parsed queryxml tree (the core's `QueryTree`, the same grammar the client writes)
 * over the store: values compared by the field's type, text case-insensitively as SQL Server
 * does, at most 500 results in ascending id order. A lower/upper bound on `id` in a plain AND
 * chain turns into a range scan, so `id > last` paging costs one page, not one table.
 */
import type { EntityMeta, FieldType, FieldValue } from 'atws/protocol';
import type { ConditionNode, FieldNode, QueryNode, QueryTree } from 'atws/protocol';
import { operatorAllowedOn, operatorDataTypeOf, type OperatorDataType, type QueryOperator } from 'atws/protocol';
import { formatEasternDate, MAX_DISTINCT_UDFS, MAX_OR_CONDITIONS, parseEastern, QUERY_PAGE_SIZE } from 'atws/protocol';
import type { EntityStore, StoredEntity } from './store.js';
import type { UdfDefinition } from './picklist-types.js';
import { foldCase, likeMatcher, soundex } from './text-match.js';
import { easternGapProblem } from './eastern-gap.js';

export const TOO_MANY_OR_CONDITIONS = "Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.";

/** A query the API refuses; its message goes back as an ATWSError. */
export class QueryRejected extends Error {
  override readonly name = 'QueryRejected';
}

type Predicate = (record: StoredEntity) => boolean;
/** How the engine compares a field: its column of the QueryXML operator table (atws/protocol). */
type Kind = OperatorDataType;
type Comparable = number | string;

function kindOf(type: FieldType): Kind {
  const kind = operatorDataTypeOf(type);
  if (kind === undefined) throw new TypeError(`no operator column for field type ${type}`);
  return kind;
}

/**
 * The value a stored field holds, as a comparable of its kind; undefined for null. An empty string
 * is null too: string fields "are not nullable" (API return values page), so an unset one and an
 * empty one answer the same "" and must query the same.
 */
function comparableOfStored(kind: Kind, value: FieldValue | string | undefined, fold: (t: string) => string): Comparable | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (kind) {
    case 'numeric':
      return typeof value === 'number' ? value : Number(value);
    case 'datetime':
      return value instanceof Date ? value.getTime() : parseEastern(String(value)).getTime();
    case 'boolean':
      return value === true || value === 'true' || value === '1' || value === 'True' ? 1 : 0;
    case 'string':
      // SQL Server ignores trailing spaces when comparing with = and <.
      return fold(String(value)).trimEnd();
  }
}

const sameCase = (text: string): string => text;

function parseQueryValue(kind: Kind, text: string, field: string, entity: string, fold: (t: string) => string): Comparable {
  const trimmed = text.trim();
  switch (kind) {
    case 'numeric': {
      const n = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(n)) {
        throw new QueryRejected(`Invalid value "${text}" for numeric field ${field} of the ${entity} Entity.`);
      }
      return n;
    }
    case 'datetime': {
      let time: number;
      try {
        time = parseEastern(trimmed).getTime();
      } catch {
        throw new QueryRejected(`Invalid date "${text}" for field ${field} of the ${entity} Entity.`);
      }
      const gap = easternGapProblem(trimmed);
      if (gap !== undefined) throw new QueryRejected(`${gap} (field ${field} of the ${entity} Entity)`);
      return time;
    }
    case 'boolean': {
      const t = trimmed.toLowerCase();
      if (t === 'true' || t === '1') return 1;
      if (t === 'false' || t === '0') return 0;
      throw new QueryRejected(`Invalid boolean "${text}" for field ${field} of the ${entity} Entity.`);
    }
    case 'string':
      return fold(text).trimEnd();
  }
}

function easternDay(time: number): string {
  return formatEasternDate(new Date(time));
}

interface FieldAccess {
  /** The field's own name and GetFieldInfo type, for the operator table and messages. */
  name: string;
  type: FieldType;
  kind: Kind;
  /** Text comparison: case-insensitive, except on a protected UDF. */
  fold: (text: string) => string;
  read: (record: StoredEntity) => FieldValue | string | undefined;
}

/** A field of the entity by name (any case); only its own fields, never `__proto__` or `constructor`. */
function ownField(meta: EntityMeta, name: string): EntityMeta['fields'][string] | undefined {
  if (Object.hasOwn(meta.fields, name)) return meta.fields[name];
  return Object.values(meta.fields).find((f) => foldCase(f.name) === foldCase(name));
}

function fieldAccess(node: FieldNode, meta: EntityMeta, udfs: readonly UdfDefinition[]): FieldAccess {
  if (node.udf) {
    const udf = udfs.find((u) => foldCase(u.name) === foldCase(node.name));
    if (!udf) {
      throw new QueryRejected(`Unable to find user-defined field "${node.name}" in the ${meta.name} Entity.`);
    }
    const name = udf.name;
    return { name, type: udf.type, kind: kindOf(udf.type), fold: udf.protected ? sameCase : foldCase, read: (r) => r.udfs?.get(name) };
  }
  const field = ownField(meta, node.name);
  if (!field) throw new QueryRejected(`Unable to find the field "${node.name}" in the ${meta.name} Entity.`);
  if (!field.queryable) throw new QueryRejected(`The field "${field.name}" of the ${meta.name} Entity is not queryable.`);
  const name = field.name;
  if (name === 'id') return { name, type: field.type, kind: 'numeric', fold: foldCase, read: (r) => r.id };
  return { name, type: field.type, kind: kindOf(field.type), fold: foldCase, read: (r) => r.values[name] };
}

function compileExpression(access: FieldAccess, op: QueryOperator, valueText: string | undefined, entity: string): Predicate {
  const { kind, read, fold, name: fieldName } = access;
  if (!operatorAllowedOn(op, access.type)) {
    // The QueryXML page's operator/data-type table: the pairs it marks X "will return an error".
    throw new QueryRejected(
      `The operator ${op} cannot be used with field ${fieldName} of the ${entity} Entity: ${fieldName} is a ${access.type} field.`,
    );
  }
  const stored = (r: StoredEntity): Comparable | undefined => comparableOfStored(kind, read(r), fold);
  if (op === 'IsNull') return (r) => stored(r) === undefined;
  if (op === 'IsNotNull') return (r) => stored(r) !== undefined;
  if (valueText === undefined) {
    throw new QueryRejected(`The ${op} expression on field ${fieldName} needs a value.`);
  }
  // Only string fields get here for the text operators (the table allows no other type).
  const textOp = (test: (text: string) => boolean): Predicate => (r) => {
    const value = read(r);
    return value !== undefined && value !== null && value !== '' && test(fold(String(value)));
  };
  const needle = fold(valueText);
  switch (op) {
    case 'BeginsWith':
      return textOp((t) => t.startsWith(needle));
    case 'EndsWith':
      return textOp((t) => t.endsWith(needle));
    case 'Contains':
      return textOp((t) => t.includes(needle));
    case 'Like': {
      const matches = likeMatcher(valueText, fold);
      return textOp(matches);
    }
    case 'NotLike': {
      const matches = likeMatcher(valueText, fold);
      return textOp((t) => !matches(t));
    }
    case 'SoundsLike': {
      const code = soundex(valueText);
      return textOp((t) => soundex(t) === code);
    }
    case 'IsThisDay': {
      const day = easternDay(parseQueryValue('datetime', valueText, fieldName, entity, fold) as number);
      return (r) => {
        const v = stored(r);
        return v !== undefined && easternDay(v as number) === day;
      };
    }
    default:
      break;
  }
  const target = parseQueryValue(kind, valueText, fieldName, entity, fold);
  const compare = (test: (v: Comparable) => boolean): Predicate => (r) => {
    const v = stored(r);
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
    const parts = node.expressions.map((e) => compileExpression(access, e.op, e.value, meta.name));
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

/** The OR conditions of a tree and the distinct UDFs it names (by folded name), walked without recursion. */
function queryLimits(root: ConditionNode): { ors: number; udfs: Set<string> } {
  let ors = 0;
  const udfs = new Set<string>();
  const pending: QueryNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'field') {
      if (node.udf) udfs.add(foldCase(node.name));
      continue;
    }
    if (node !== root && node.operator === 'OR') ors++;
    pending.push(...node.items);
  }
  return { ors, udfs };
}

/** Compiles a query once; throws {@link QueryRejected} for unknown fields, bad values, ... */
export function compileQuery(
  tree: QueryTree,
  meta: EntityMeta,
  udfs: readonly UdfDefinition[],
): { predicate: Predicate; from: number; to: number } {
  const limits = queryLimits(tree.root);
  if (limits.ors > MAX_OR_CONDITIONS) throw new QueryRejected(TOO_MANY_OR_CONDITIONS);
  if (limits.udfs.size > MAX_DISTINCT_UDFS) {
    throw new QueryRejected(
      `Invalid query: it names ${limits.udfs.size} distinct user-defined fields; at most ${MAX_DISTINCT_UDFS} may be used in one query ` +
        '(the same one may be used any number of times).',
    );
  }
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
