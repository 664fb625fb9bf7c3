/**
 * A query as data, whatever the wire: what `Query` builds, what each transport compiles (queryxml
 * for SOAP, filter JSON for REST), what the simulator's fronts parse and its engine evaluates.
 *
 * Semantics: the items of a condition combine left to right, each joining the result so far with
 * its own operator (AND when absent; the first item's operator is ignored). Only conditions carry
 * an operator on the wire, so a field always joins with AND; `q.or(field, op, value)` becomes a
 * one-item OR condition. A field with several expressions ANDs them. The root condition stands
 * for the whole filter; its operator is not used. Values are typed (a date is an instant, a
 * number a number); a parsed wire query may hold text, which the evaluator reads by the field's
 * type. `undefined` for operators that take no value (IsNull, IsNotNull).
 */
import type { QueryOperator } from './operators.js';

export interface QueryTree {
  /** The entity type queried, e.g. "Ticket". */
  entity: string;
  root: ConditionNode;
}

export interface ConditionNode {
  kind: 'condition';
  /** How this group joins the items before it in its parent (ignored on the first item and on the root). */
  operator: 'AND' | 'OR';
  items: QueryNode[];
}

/** A value a condition compares with. */
export type QueryValue = string | number | boolean | Date;

export interface FieldExpression {
  op: QueryOperator;
  /** The value; undefined for IsNull/IsNotNull. */
  value: QueryValue | undefined;
}

export interface FieldNode {
  kind: 'field';
  name: string;
  /** A user-defined field (`<field udf="true">`). */
  udf: boolean;
  expressions: FieldExpression[];
}

export type QueryNode = FieldNode | ConditionNode;
