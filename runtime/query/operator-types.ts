/**
 * Which queryxml operators a field takes, by the field's data type, as types. Source: Autotask's
 * "QueryXML" page (SOAP API developer help), whose table marks each expression/data-type pair as
 * supported or an error:
 *
 * | operator                              | string | numeric | datetime | boolean |
 * | Equals, NotEqual, IsNull, IsNotNull   |   Y    |    Y    |    Y     |    Y    |
 * | Less/GreaterThan (orEquals)           |   Y    |    Y    |    Y     |    -    |
 * | BeginsWith, EndsWith, Contains, Like, NotLike | Y | - |   -      |    -    |
 * | IsThisDay                             |   -    |    -    |    Y     |    -    |
 *
 * SoundsLike is not in the table: our choice is strings only, as it compares how text sounds.
 * Decimals are held as text in TypeScript yet are numeric to the API, so they take the numeric row.
 */
import type { OperatorsOfDataType, QueryOperator } from '../protocol/query/operators.js';
import type { NumericFieldType, UdfField } from '../entity/entity-base.js';

// Made from OPERATOR_DATA_TYPES, the one table the simulator enforces too, so the two cannot drift apart.
/** Operators of a string field. */
export type StringFieldOperator = OperatorsOfDataType<'string'>;
/** Operators of a numeric field (integer, long, short, double, float, decimal; `id` too). */
export type NumericFieldOperator = OperatorsOfDataType<'numeric'>;
/** Operators of a datetime field. */
export type DateFieldOperator = OperatorsOfDataType<'datetime'>;
/** Operators of a boolean field. */
export type BooleanFieldOperator = OperatorsOfDataType<'boolean'>;

/** Operators that compare with no value. */
export type NullOperator = 'IsNull' | 'IsNotNull';

/**
 * The operators of a field whose value type (as the generated query fields give it) is `T`;
 * `decimal` tells a decimal field (text in TypeScript) from a string one.
 */
export type OperatorForValue<T, Decimal extends boolean> = Decimal extends true
  ? NumericFieldOperator
  : [T] extends [number]
    ? NumericFieldOperator
    : [T] extends [Date]
      ? DateFieldOperator
      : [T] extends [boolean]
        ? BooleanFieldOperator
        : [T] extends [string]
          ? StringFieldOperator
          : QueryOperator;

/**
 * The operators of a user-defined field of a module generated from a tenant's live pull, by its
 * data type (a UDF's value is text, yet a number UDF, decimal ones included, compares as a number);
 * any operator where the UDF is not known.
 */
export type UdfOperator<D> =
  D extends UdfField<infer T>
    ? T extends NumericFieldType
      ? NumericFieldOperator
      : T extends 'datetime'
        ? DateFieldOperator
        : T extends 'boolean'
          ? BooleanFieldOperator
          : StringFieldOperator
    : QueryOperator;
