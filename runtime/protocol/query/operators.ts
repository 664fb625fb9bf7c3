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

/** The four data-type columns of the QueryXML page's operator table. */
export type OperatorDataType = 'string' | 'numeric' | 'datetime' | 'boolean';

/**
 * Which data types each operator may be used with, as the table on Autotask's "QueryXML" help page
 * gives it (a pair marked X there "will return an error"). SoundsLike is not in that table: it is
 * SQL Server's SOUNDEX, a text function, so it is taken as string-only (our choice).
 * Plain data, shared: the simulator refuses the other pairs, and a client can type its builder by it.
 */
export const OPERATOR_DATA_TYPES = {
  Equals: ['string', 'numeric', 'datetime', 'boolean'],
  NotEqual: ['string', 'numeric', 'datetime', 'boolean'],
  LessThan: ['string', 'numeric', 'datetime'],
  LessThanOrEquals: ['string', 'numeric', 'datetime'],
  GreaterThan: ['string', 'numeric', 'datetime'],
  GreaterThanorEquals: ['string', 'numeric', 'datetime'],
  BeginsWith: ['string'],
  EndsWith: ['string'],
  Contains: ['string'],
  IsNull: ['string', 'numeric', 'datetime', 'boolean'],
  IsNotNull: ['string', 'numeric', 'datetime', 'boolean'],
  IsThisDay: ['datetime'],
  Like: ['string'],
  NotLike: ['string'],
  SoundsLike: ['string'],
} as const satisfies { readonly [op in QueryOperator]: readonly OperatorDataType[] };

/** The operators the table allows on a data type: the builder's compile-time operator sets are made from it. */
export type OperatorsOfDataType<D extends OperatorDataType> = {
  [op in QueryOperator]: D extends (typeof OPERATOR_DATA_TYPES)[op][number] ? op : never;
}[QueryOperator];

/**
 * The QueryXML table's column of a `GetFieldInfo` field type.
 *
 * @example operatorDataTypeOf('long') // "numeric"
 */
export function operatorDataTypeOf(fieldType: string): OperatorDataType | undefined {
  switch (fieldType) {
    case 'string':
      return 'string';
    case 'datetime':
      return 'datetime';
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'long':
    case 'short':
    case 'double':
    case 'float':
    case 'decimal':
      return 'numeric';
    default:
      return undefined;
  }
}

/**
 * Whether the QueryXML table allows an operator on a field type.
 *
 * @example operatorAllowedOn('BeginsWith', 'integer') // false
 */
export function operatorAllowedOn(op: QueryOperator, fieldType: string): boolean {
  const column = operatorDataTypeOf(fieldType);
  return column !== undefined && (OPERATOR_DATA_TYPES[op] as readonly OperatorDataType[]).includes(column);
}
