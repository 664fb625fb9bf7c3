/**
 * The typed query tree as REST's filter JSON ("Making basic query calls to the REST API"):
 * conditions `{"op", "field", "value", "udf"}` and groups `{"op": "and"|"or", "items": [...]}`, the
 * top-level array ANDed. Field names go through the REST model; values are typed by the field's
 * REST type (a SOAP 0/1 flag that REST keeps as a boolean, and back).
 *
 * Operators REST lacks:
 * - IsThisDay becomes the day's range, `gte` its start and `lt` the next day's start, the day taken
 *   in UTC: the REST API "stores and returns all time data in Coordinated Universal Time"
 *   ("Introduction to REST API calls"), whereas SOAP's IsThisDay is the day in the API's own
 *   (US Eastern) time.
 * - Like, NotLike and SoundsLike have no REST equivalent (the 13 operators of the REST query page:
 *   eq noteq gt gte lt lte beginsWith endsWith contains exist notExist in notIn): a UsageError
 *   before sending, since REST silently ignores an operator it does not know and would answer
 *   unfiltered.
 * - A filter of no condition is sent as `exist id`, as production clients do (an empty filter is
 *   not documented).
 * The REST query pages allow one user-defined field per query ("only query by one user-defined
 * field at a time", UserDefinedFieldDefinitions): more is a UsageError before sending.
 */
import { UsageError } from '../../protocol/errors.js';
import type { QueryOperator } from '../../protocol/query/operators.js';
import type { ConditionNode, FieldExpression, FieldNode, QueryTree, QueryValue } from '../../protocol/query/query-tree.js';
import type { RestEntity, RestFieldType } from '../../protocol/rest/rest-model.js';
import type { RestRoutes } from './rest-routes.js';
import { restDateText } from './rest-values.js';

/** REST allows one user-defined field per query. */
export const MAX_UDFS_PER_REST_QUERY = 1;

/** A REST filter item. */
export type RestFilterItem =
  | { readonly op: string; readonly field: string; readonly value?: unknown; readonly udf?: true }
  | { readonly op: 'and' | 'or'; readonly items: RestFilterItem[] };

const OPERATORS: Readonly<Partial<Record<QueryOperator, string>>> = {
  Equals: 'eq',
  NotEqual: 'noteq',
  GreaterThan: 'gt',
  LessThan: 'lt',
  GreaterThanorEquals: 'gte',
  LessThanOrEquals: 'lte',
  BeginsWith: 'beginsWith',
  EndsWith: 'endsWith',
  Contains: 'contains',
  IsNotNull: 'exist',
  IsNull: 'notExist',
};

/** The operators a REST connection refuses. */
export const REST_REFUSED_OPERATORS: readonly QueryOperator[] = ['Like', 'NotLike', 'SoundsLike'];

const DAY_MS = 86_400_000;

interface Compiling {
  readonly tree: QueryTree;
  readonly rest: RestEntity;
  readonly routes: RestRoutes;
  readonly udfs: Set<string>;
}

/**
 * The `filter` array of a query tree; throws UsageError for what REST cannot carry.
 *
 * @example restFilter(tree, restModel.entities.Ticket, routes) // [{ op: 'gt', field: 'id', value: 0 }]
 */
export function restFilter(tree: QueryTree, rest: RestEntity, routes: RestRoutes): RestFilterItem[] {
  const state: Compiling = { tree, rest, routes, udfs: new Set() };
  const root = condition(state, tree.root);
  if (state.udfs.size > MAX_UDFS_PER_REST_QUERY) {
    throw new UsageError(
      `query ${tree.entity}: the REST API allows ${MAX_UDFS_PER_REST_QUERY} user-defined field per query, this one has ${state.udfs.size} (${[...state.udfs].join(', ')}); split it, or filter the rest in code`,
    );
  }
  if (root === undefined) return [{ op: 'exist', field: 'id' }];
  return 'items' in root && root.op === 'and' ? root.items : [root];
}

/** Items joined left to right, each with its own operator (AND for fields), as the tree's semantics say. */
function condition(state: Compiling, node: ConditionNode): RestFilterItem | undefined {
  let result: RestFilterItem | undefined;
  for (const item of node.items) {
    const compiled = item.kind === 'field' ? field(state, item) : condition(state, item);
    if (compiled === undefined) continue;
    if (result === undefined) {
      result = compiled;
      continue;
    }
    const op = item.kind === 'condition' && item.operator === 'OR' ? 'or' : 'and';
    result = join(op, result, compiled);
  }
  return result;
}

function join(op: 'and' | 'or', left: RestFilterItem, right: RestFilterItem): RestFilterItem {
  const items = 'items' in left && left.op === op ? [...left.items] : [left];
  if ('items' in right && right.op === op) items.push(...right.items);
  else items.push(right);
  return { op, items };
}

function field(state: Compiling, node: FieldNode): RestFilterItem | undefined {
  const conditions = node.expressions.flatMap((expression) => expressionItems(state, node, expression));
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { op: 'and', items: conditions };
}

function expressionItems(state: Compiling, node: FieldNode, expression: FieldExpression): RestFilterItem[] {
  const { tree } = state;
  const op = expression.op;
  if (REST_REFUSED_OPERATORS.includes(op)) {
    throw new UsageError(
      `query ${tree.entity}: ${node.name} ${op}: the REST API has no ${op} operator (its text operators are BeginsWith, EndsWith and Contains); this query can only run over SOAP`,
    );
  }
  if (node.udf) {
    state.udfs.add(node.name);
    return expressionOn(state, node.name, 'string', op, expression.value, true);
  }
  const rest = state.routes.field(state.rest, node.name, `query ${tree.entity}`);
  return expressionOn(state, rest.rest, rest.type, op, expression.value, false);
}

function expressionOn(
  state: Compiling,
  name: string,
  type: RestFieldType,
  op: QueryOperator,
  value: QueryValue | undefined,
  udf: boolean,
): RestFilterItem[] {
  const flag = udf ? { udf: true as const } : {};
  if (op === 'IsThisDay') {
    const day = dayStart(state, name, value);
    return [
      {
        op: 'and',
        items: [
          { op: 'gte', field: name, value: restDateText(new Date(day)), ...flag },
          { op: 'lt', field: name, value: restDateText(new Date(day + DAY_MS)), ...flag },
        ],
      },
    ];
  }
  const restOp = OPERATORS[op] as string;
  if (op === 'IsNull' || op === 'IsNotNull') return [{ op: restOp, field: name, ...flag }];
  return [{ op: restOp, field: name, value: filterValue(state, name, type, value), ...flag }];
}

/** The start (UTC midnight, in ms) of the UTC day of an IsThisDay value. */
function dayStart(state: Compiling, name: string, value: QueryValue | undefined): number {
  const date =
    value instanceof Date ? value : typeof value === 'string' ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new UsageError(`query ${state.tree.entity}: ${name} IsThisDay needs a date, got ${JSON.stringify(value)}`);
  }
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
}

/** A value as the REST field's type wants it in a filter. */
function filterValue(state: Compiling, name: string, type: RestFieldType, value: QueryValue | undefined): unknown {
  if (value instanceof Date) return restDateText(value);
  switch (type) {
    case 'int32':
    case 'int64':
    case 'double': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === '')) {
        throw new UsageError(`query ${state.tree.entity}: ${name} takes a number over REST, got ${JSON.stringify(value)}`);
      }
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string' && /^(true|false|1|0)$/i.test(value.trim())) return /^(true|1)$/i.test(value.trim());
      throw new UsageError(`query ${state.tree.entity}: ${name} takes true or false over REST, got ${JSON.stringify(value)}`);
    default:
      return value;
  }
}
