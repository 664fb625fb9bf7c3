/**
 * The 15 queryxml expression operators, in the spelling ATWS documents (note the lower-case "or"
 * of `GreaterThanorEquals`). ATWS matches them case-insensitively; so does `normalizeOperator`.
 */

export const QUERY_OPERATORS = [
  'Equals',
  'NotEqual',
  'GreaterThan',
  'LessThan',
  'GreaterThanorEquals',
  'LessThanOrEquals',
  'BeginsWith',
  'EndsWith',
  'Contains',
  'IsNotNull',
  'IsNull',
  'IsThisDay',
  'Like',
  'NotLike',
  'SoundsLike',
] as const;

export type QueryOperator = (typeof QUERY_OPERATORS)[number];

const BY_LOWER_CASE: ReadonlyMap<string, QueryOperator> = new Map(QUERY_OPERATORS.map((op) => [op.toLowerCase(), op]));

/**
 * The canonical spelling of an operator written in any case; undefined when it is no operator.
 *
 * @example normalizeOperator('greaterthanorequals') // "GreaterThanorEquals"
 */
export function normalizeOperator(text: string): QueryOperator | undefined {
  return typeof text === 'string' ? BY_LOWER_CASE.get(text.toLowerCase()) : undefined;
}

/**
 * Whether an operator compares against a value (all but IsNull and IsNotNull).
 *
 * @example operatorTakesValue('IsNull') // false
 */
export function operatorTakesValue(op: QueryOperator): boolean {
  return op !== 'IsNull' && op !== 'IsNotNull';
}
