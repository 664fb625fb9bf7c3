/**
 * Evaluates a query tree (the protocol's neutral `QueryTree`, whatever wire it came in on) over
 * the store: values compared by the field's type, text case-insensitively as SQL Server does, at
 * most 500 results in ascending id order. A lower/upper bound on `id` in a plain AND chain turns
 * into a range scan, so `id > last` paging costs one page, not one table.
 *
 * Values are typed (a number, a boolean, a Date) or text: a front that parses a wire where every
 * value is text (SOAP's queryxml) leaves them text, and the engine reads them by the field's type,
 * date-times through the front's {@link DateInterpretation}.
 */
import type { FieldType, FieldValue } from 'atws/protocol';
import type { ConditionNode, FieldNode, QueryNode, QueryTree, QueryValue } from 'atws/protocol';
import { operatorAllowedOn, operatorDataTypeOf, type OperatorDataType, type QueryOperator } from 'atws/protocol';
import { QUERY_PAGE_SIZE } from 'atws/protocol';
import type { EntityMeta } from 'atws/protocol';
import type { EntityStore, StoredEntity } from './store.js';
import type { UdfDefinition } from './picklist-types.js';
import { foldCase, likeMatcher, soundex } from './text-match.js';
import { findField } from './entity-lookup.js';
import { likePatternProblem, queryLimitProblem } from './query-limits.js';
import type { DateInterpretation } from './wire-reading.js';

/** A query the API refuses; its message goes back as an ATWSError. */
export class QueryRejected extends Error {
  override readonly name = 'QueryRejected';
}

/** What a query is evaluated against: the entity type as the caller's API version has it, its UDFs, and how the caller's wire writes date-times. */
export interface QueryScope {
  readonly meta: EntityMeta;
  readonly udfs: readonly UdfDefinition[];
  readonly dates: DateInterpretation;
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
function comparableOfStored(
  kind: Kind,
  value: FieldValue | string | undefined,
  fold: (t: string) => string,
  dates: DateInterpretation,
): Comparable | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (kind) {
    case 'numeric':
      return typeof value === 'number' ? value : Number(value);
    case 'datetime':
      // Fields hold instants; only a UDF (kept as the text it was given) can hold date text.
      return value instanceof Date ? value.getTime() : dates.parse(String(value)).getTime();
    case 'boolean':
      return value === true || value === 'true' || value === '1' || value === 'True' ? 1 : 0;
    case 'string':
      // SQL Server ignores trailing spaces when comparing with = and <.
      return fold(String(value)).trimEnd();
  }
}

const sameCase = (text: string): string => text;

/** A typed value as text, for the messages that quote it and the text operators. */
function valueText(value: QueryValue): string {
  return value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : String(value);
}

/**
 * A query value as a comparable of the field's kind: text is read by the kind (date-times through
 * the caller's wire), a typed value must be of the kind (a number for a numeric field, an instant
 * for a date-time, a boolean for a boolean; anything for a string field, as its text).
 */
function parseQueryValue(
  kind: Kind,
  value: QueryValue,
  field: string,
  entity: string,
  fold: (t: string) => string,
  dates: DateInterpretation,
): Comparable {
  if (typeof value !== 'string') return typedComparable(kind, value, field, entity, fold);
  const text = value;
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
        time = dates.parse(trimmed).getTime();
      } catch {
        throw new QueryRejected(`Invalid date "${text}" for field ${field} of the ${entity} Entity.`);
      }
      const invalid = dates.invalidTime(trimmed);
      if (invalid !== undefined) throw new QueryRejected(`${invalid} (field ${field} of the ${entity} Entity)`);
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

function typedComparable(kind: Kind, value: number | boolean | Date, field: string, entity: string, fold: (t: string) => string): Comparable {
  switch (kind) {
    case 'numeric':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw new QueryRejected(`Invalid value "${valueText(value)}" for numeric field ${field} of the ${entity} Entity.`);
    case 'datetime':
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
      throw new QueryRejected(`Invalid date "${valueText(value)}" for field ${field} of the ${entity} Entity.`);
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      throw new QueryRejected(`Invalid boolean "${valueText(value)}" for field ${field} of the ${entity} Entity.`);
    case 'string':
      return fold(valueText(value)).trimEnd();
  }
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

function fieldAccess(node: FieldNode, { meta, udfs }: QueryScope): FieldAccess {
  if (node.udf) {
    const udf = udfs.find((u) => foldCase(u.name) === foldCase(node.name));
    if (!udf) {
      throw new QueryRejected(`Unable to find user-defined field "${node.name}" in the ${meta.name} Entity.`);
    }
    const name = udf.name;
    return { name, type: udf.type, kind: kindOf(udf.type), fold: udf.protected ? sameCase : foldCase, read: (r) => r.udfs?.get(name) };
  }
  const field = findField(meta, node.name);
  if (!field) throw new QueryRejected(`Unable to find the field "${node.name}" in the ${meta.name} Entity.`);
  if (!field.queryable) throw new QueryRejected(`The field "${field.name}" of the ${meta.name} Entity is not queryable.`);
  const name = field.name;
  if (name === 'id') return { name, type: field.type, kind: 'numeric', fold: foldCase, read: (r) => r.id };
  return { name, type: field.type, kind: kindOf(field.type), fold: foldCase, read: (r) => r.values[name] };
}

function compileExpression(access: FieldAccess, op: QueryOperator, value: QueryValue | undefined, scope: QueryScope): Predicate {
  const { kind, read, fold, name: fieldName } = access;
  const { dates } = scope;
  const entity = scope.meta.name;
  if (!operatorAllowedOn(op, access.type)) {
    // The QueryXML page's operator/data-type table: the pairs it marks X "will return an error".
    throw new QueryRejected(
      `The operator ${op} cannot be used with field ${fieldName} of the ${entity} Entity: ${fieldName} is a ${access.type} field.`,
    );
  }
  const stored = (r: StoredEntity): Comparable | undefined => comparableOfStored(kind, read(r), fold, dates);
  if (op === 'IsNull') return (r) => stored(r) === undefined;
  if (op === 'IsNotNull') return (r) => stored(r) !== undefined;
  if (value === undefined) {
    throw new QueryRejected(`The ${op} expression on field ${fieldName} needs a value.`);
  }
  // Only string fields get here for the text operators (the table allows no other type).
  const textOp =
    (test: (text: string) => boolean): Predicate =>
    (r) => {
      const value = read(r);
      return value !== undefined && value !== null && value !== '' && test(fold(String(value)));
    };
  const text = typeof value === 'string' ? value : valueText(value);
  const needle = fold(text);
  switch (op) {
    case 'BeginsWith':
      return textOp((t) => t.startsWith(needle));
    case 'EndsWith':
      return textOp((t) => t.endsWith(needle));
    case 'Contains':
      return textOp((t) => t.includes(needle));
    case 'Like':
    case 'NotLike': {
      const tooLong = likePatternProblem(text, fieldName, entity);
      if (tooLong !== undefined) throw new QueryRejected(tooLong);
      const matches = likeMatcher(text, fold);
      return op === 'Like' ? textOp(matches) : textOp((t) => !matches(t));
    }
    case 'SoundsLike': {
      const code = soundex(text);
      return textOp((t) => soundex(t) === code);
    }
    case 'IsThisDay': {
      const dayOf = (time: number): string => dates.day(new Date(time));
      const day = dayOf(parseQueryValue('datetime', value, fieldName, entity, fold, dates) as number);
      return (r) => {
        const v = stored(r);
        return v !== undefined && dayOf(v as number) === day;
      };
    }
    default:
      break;
  }
  const target = parseQueryValue(kind, value, fieldName, entity, fold, dates);
  const compare =
    (test: (v: Comparable) => boolean): Predicate =>
    (r) => {
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

function compileNode(node: QueryNode, scope: QueryScope): Predicate {
  if (node.kind === 'field') {
    const access = fieldAccess(node, scope);
    if (node.expressions.length === 0) {
      throw new QueryRejected(`The field ${node.name} has no expression.`);
    }
    const parts = node.expressions.map((e) => compileExpression(access, e.op, e.value, scope));
    if (parts.length === 1) return parts[0] as Predicate;
    return (r) => parts.every((p) => p(r));
  }
  return compileCondition(node, scope);
}

/** Items combine left to right, each with its own operator (a field's is AND). */
function compileCondition(node: ConditionNode, scope: QueryScope): Predicate {
  const items = node.items.map((item) => ({
    operator: item.kind === 'condition' ? item.operator : 'AND',
    test: compileNode(item, scope),
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
      // Only a number or its text bounds the range (anything else is refused when compiled).
      if (typeof value !== 'number' && typeof value !== 'string') continue;
      const n = Number(value);
      if (String(value).trim() === '' || !Number.isFinite(n)) continue;
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

/**
 * The ids of a query that is only `id Equals n` conditions joined by OR (how a client reads
 * records back by id, up to 200 at a time); undefined for any other query. Such a query becomes
 * a set lookup over the ids' range instead of every condition tried on every record, with the
 * same result: a value that is no number is left to the general path, which refuses it.
 */
function idList(root: ConditionNode): number[] | undefined {
  const ids: number[] = [];
  for (const [i, item] of root.items.entries()) {
    let node: QueryNode = item;
    if (i > 0) {
      if (item.kind !== 'condition' || item.operator !== 'OR' || item.items.length !== 1) return undefined;
      node = item.items[0] as QueryNode;
    }
    if (node.kind !== 'field' || node.udf || node.name.toLowerCase() !== 'id' || node.expressions.length !== 1) return undefined;
    const { op, value } = node.expressions[0] as { op: QueryOperator; value: QueryValue | undefined };
    if (op !== 'Equals' || (typeof value !== 'number' && typeof value !== 'string')) return undefined;
    const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value.trim());
    if (!Number.isFinite(n)) return undefined;
    ids.push(n);
  }
  return ids.length > 0 ? ids : undefined;
}

/** Compiles a query once; throws {@link QueryRejected} for unknown fields, bad values, ... */
export function compileQuery(tree: QueryTree, scope: QueryScope): { predicate: Predicate; from: number; to: number } {
  const tooLarge = queryLimitProblem(tree.root);
  if (tooLarge !== undefined) throw new QueryRejected(tooLarge);
  const ids = idList(tree.root);
  if (ids !== undefined) {
    const wanted = new Set(ids);
    return { predicate: (r) => wanted.has(r.id), from: Math.ceil(Math.min(...ids)), to: Math.floor(Math.max(...ids)) };
  }
  return { predicate: compileCondition(tree.root, scope), ...idRange(tree.root) };
}

/** Runs a query: the first `limit` matching records in ascending id order. */
export function runQuery(store: EntityStore, tree: QueryTree, scope: QueryScope, limit = QUERY_PAGE_SIZE): StoredEntity[] {
  const { predicate, from, to } = compileQuery(tree, scope);
  const results: StoredEntity[] = [];
  if (from > to) return results;
  for (const record of store.scan(scope.meta.name, from, to)) {
    if (predicate(record)) {
      results.push(record);
      if (results.length >= limit) break;
    }
  }
  return results;
}
