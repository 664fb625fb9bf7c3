/**
 * How large a query the tenant evaluates. The API documents two limits (500 OR conditions, on the
 * SOAP thresholds page; 5 distinct UDFs, on the query() page) and they live in atws/protocol.
 * Two more bound the work one query can make the one-threaded simulator do, which would otherwise
 * stall every other client meanwhile; both are those of SQL Server, which Autotask runs its
 * queries on (simulator/README.md, decisions):
 * - a LIKE pattern "can be a maximum of 8,000 bytes" (LIKE (Transact-SQL)): 4,000 characters of
 *   nvarchar text, two bytes each;
 * - one request carries at most 2,100 parameters (Maximum capacity specifications for SQL
 *   Server), so a query translated with a parameter per condition holds at most 2,100 conditions;
 *   its groups (`<condition>` brackets) count too, so that the whole tree, and what a front
 *   parses to build it, stays within a few thousand nodes.
 */
import { MAX_DISTINCT_UDFS, MAX_OR_CONDITIONS, type ConditionNode } from 'atws/protocol';
import { foldCase } from './text-match.js';

/** The longest LIKE / NotLike pattern, in characters. */
export const MAX_LIKE_PATTERN_LENGTH = 4000;

/** The most conditions (field expressions and condition groups, nested ones counted) one query may hold. */
export const MAX_QUERY_CONDITIONS = 2100;

/** The refusal of a query past {@link MAX_QUERY_CONDITIONS}, by its count or (`undefined`) when a front saw it was past before parsing it all. */
export function tooManyConditions(count: number | undefined): string {
  return `Invalid query: it holds ${count === undefined ? `more than ${MAX_QUERY_CONDITIONS}` : count} conditions; at most ${MAX_QUERY_CONDITIONS} may be used in one query.`;
}

export const TOO_MANY_OR_CONDITIONS = "Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.";

/** Why a query is too large to run, or undefined. Walks the tree without recursion. */
export function queryLimitProblem(root: ConditionNode): string | undefined {
  let ors = 0;
  let conditions = 0;
  const udfs = new Set<string>();
  const pending: ConditionNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node !== root) {
      conditions++;
      if (node.operator === 'OR') ors++;
    }
    for (const item of node.items) {
      if (item.kind === 'condition') {
        pending.push(item);
        continue;
      }
      conditions += item.expressions.length;
      if (item.udf) udfs.add(foldCase(item.name));
    }
  }
  if (ors > MAX_OR_CONDITIONS) return TOO_MANY_OR_CONDITIONS;
  if (udfs.size > MAX_DISTINCT_UDFS) {
    return (
      `Invalid query: it names ${udfs.size} distinct user-defined fields; at most ${MAX_DISTINCT_UDFS} may be used in one query ` +
      '(the same one may be used any number of times).'
    );
  }
  if (conditions > MAX_QUERY_CONDITIONS) return tooManyConditions(conditions);
  return undefined;
}

/** Why a LIKE pattern is too long to match, or undefined. */
export function likePatternProblem(pattern: string, field: string, entity: string): string | undefined {
  return pattern.length > MAX_LIKE_PATTERN_LENGTH
    ? `The Like pattern for field ${field} of the ${entity} Entity is ${pattern.length} characters long; at most ${MAX_LIKE_PATTERN_LENGTH} are allowed.`
    : undefined;
}
