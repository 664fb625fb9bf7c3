/**
 * A queryxml query as data: what `Query` builds, what `writeQueryXml` writes, what
 * `parseQueryXml` reads and what the simulator evaluates. One grammar for both sides.
 *
 * Semantics: the items of a condition combine left to right, each joining the result so far with
 * its own operator (AND when absent; the first item's operator is ignored). Only conditions carry
 * an operator on the wire, so a field always joins with AND; `q.or(field, op, value)` becomes a
 * one-item OR condition. A field with several expressions ANDs them. The root condition stands
 * for the `<query>` element itself; its operator is not written. Values are wire text (dates
 * already formatted); `undefined` for operators that take no value (IsNull, IsNotNull).
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

export interface FieldExpression {
  op: QueryOperator;
  /** Wire text of the value; undefined for IsNull/IsNotNull. */
  value: string | undefined;
}

export interface FieldNode {
  kind: 'field';
  name: string;
  /** A user-defined field (`<field udf="true">`). */
  udf: boolean;
  expressions: FieldExpression[];
}

export type QueryNode = FieldNode | ConditionNode;
