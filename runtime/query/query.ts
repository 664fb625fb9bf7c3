/**
 * The Python wrapper's (python-atws) `Query`: a builder of the neutral query tree, typed by the generated code so that only
 * queryable fields of the entity, with values of the field's type, compile. Each transport compiles
 * the tree (SOAP: queryxml with US Eastern dates). The tree is made of frozen nodes: every change
 * makes new nodes along the path it changes, so a tree taken from the query (by a cursor, when it
 * is made) stays as it was whatever the query becomes after.
 */
import { inspectCustom } from '../protocol/inspect-custom.js';
import { UsageError } from '../protocol/errors.js';
import { normalizeOperator, operatorTakesValue, QUERY_OPERATORS, type QueryOperator } from '../protocol/query/operators.js';
import type { ConditionNode, FieldNode, QueryNode, QueryTree, QueryValue } from '../protocol/query/query-tree.js';
import type { CanQuery, entityCapabilities, FieldName, NumericFieldType, NumericText, UdfField } from '../entity/entity-base.js';
import type { DefaultEntityMap } from '../protocol/api-versions.js';
import type { NullOperator, OperatorForValue, UdfOperator } from './operator-types.js';
import { describeConditions } from './query-text.js';
import { queryText } from './query-wire-text.js';

/** The generated `EntityMap` of any API version (entity name -> { entity, create, update, queryFields }). */
export type EntityMapShape = object;

/**
 * Names of the entities of `M` the API lets one query (the generated class is `CanQuery`):
 * `new Query('ContractServiceAdjustment')` does not compile.
 */
export type QueryableEntityName<M extends EntityMapShape> = {
  [K in keyof M]: M[K] extends { readonly entity: CanQuery } ? K : never;
}[keyof M] &
  string;

export type { NullOperator };
/** Operators that take a value. */
export type ValueOperator = Exclude<QueryOperator, NullOperator>;
/** A value a query may compare with (a date is an instant; each transport writes it in its wire's form). */
export type { QueryValue };

/** Queryable field names of entity `E`. */
export type QueryFieldName<E extends keyof M, M extends EntityMapShape> = M[E] extends { readonly queryFields: infer Q } ? keyof Q & string : never;
/**
 * What a condition's field argument is: the field itself when `F` is a queryable field of `E`, else
 * the sentence a compile error quotes (instead of listing every queryable field): a field the API
 * does not query, or a name that is no field, with the field it differs from only in case.
 */
export type QueryFieldArgument<E extends keyof M, M extends EntityMapShape, F extends string> =
  F extends QueryFieldName<E, M> ? F : NotQueryableField<F, E & string, FieldsOfEntity<M[E]>, QueryFieldName<E, M>>;

/** The field names of an entity map entry's class. */
export type FieldsOfEntity<Entry> = Entry extends { readonly entity: infer T } ? FieldName<T> : never;

/** Why `F` is not a query field of entity `E` (with fields `Fields`, of which `Queryable` are queryable). */
export type NotQueryableField<F extends string, E extends string, Fields extends string, Queryable extends string> = F extends Fields
  ? `${F} is a field of ${E} the API does not query`
  : [SameNameIgnoringCase<F, Queryable>] extends [never]
    ? `${F} is not a queryable field of ${E}`
    : `${F} is not a queryable field of ${E}: did you mean ${SameNameIgnoringCase<F, Queryable>}?`;

/** The names among `Names` that are `F` but for case. */
export type SameNameIgnoringCase<F extends string, Names extends string> = Names extends unknown
  ? Lowercase<Names> extends Lowercase<F>
    ? Names
    : never
  : never;

/** The value type of a queryable field. */
export type QueryFieldValue<E extends keyof M, M extends EntityMapShape, F> = M[E] extends { readonly queryFields: infer Q }
  ? F extends keyof Q
    ? Q[F]
    : never
  : never;

/**
 * The operators a queryable field takes, by its data type (Autotask's QueryXML table):
 * `where('Status', 'BeginsWith', 5)` does not compile, `where('Title', 'BeginsWith', 'Printer')` does.
 */
export type QueryFieldOperator<E extends keyof M, M extends EntityMapShape, F> = OperatorForValue<
  QueryFieldValue<E, M, F>,
  M[E] extends { readonly decimalFields: infer D } ? ([F] extends [D] ? true : false) : false
>;

/**
 * The user-defined fields of entity `E` as a query compares them: the UDF names and value types
 * of a module generated from a tenant's live pull, or any name with any query value.
 */
export type QueryUdfs<E extends keyof M, M extends EntityMapShape> = M[E] extends { readonly udfs: infer U extends object }
  ? U
  : { readonly [name: string]: QueryValue };
/** A user-defined field name a `{ udf: true }` condition of `E` takes. */
export type QueryUdfName<E extends keyof M, M extends EntityMapShape> = keyof QueryUdfs<E, M> & string;
/**
 * The value a condition on a user-defined field compares with, by its {@link UdfField} as pulled: one
 * of a picklist UDF's values; a number (or its text) for a numeric UDF; a Date (or the API's text)
 * for a datetime UDF; a boolean; text. Any query value where the UDF is not known.
 */
export type UdfQueryValue<D> =
  D extends UdfField<infer T, infer Values>
    ? string extends Values
      ? T extends NumericFieldType
        ? number | NumericText
        : T extends 'datetime'
          ? Date | string
          : T extends 'boolean'
            ? boolean
            : string
      : Values
    : QueryValue;
/** The value type a UDF condition compares with (by the UDF's data type, as pulled). */
export type QueryUdfValue<E extends keyof M, M extends EntityMapShape, U> = U extends keyof QueryUdfs<E, M>
  ? UdfQueryValue<QueryUdfs<E, M>[U]>
  : never;
/**
 * The operators of a UDF, by its data type (as for fields). Not narrowed to those that take a value:
 * a named operator type (`NumericFieldOperator`) keeps the compiler's message short.
 */
export type QueryUdfOperator<E extends keyof M, M extends EntityMapShape, U> = U extends keyof QueryUdfs<E, M>
  ? UdfOperator<QueryUdfs<E, M>[U]>
  : never;

/** The value argument of a condition: none for IsNull/IsNotNull, else one of the field's type. */
export type QueryValueArgument<E extends keyof M, M extends EntityMapShape, F, O> = [O] extends [NullOperator]
  ? []
  : [value: QueryFieldValue<E, M, F>];

/**
 * The value argument of a user-defined field's condition: `undefined` for IsNull/IsNotNull, else one
 * of the UDF's type. (One signature for both, so that a compiler reporting a failed call by one
 * overload's error reports this one.)
 */
export type QueryUdfArgument<E extends keyof M, M extends EntityMapShape, U, O> = [O] extends [NullOperator] ? undefined : QueryUdfValue<E, M, U>;

/** The API version of the generated code `M` belongs to, as its entity classes state it. */
export type VersionOfEntityMap<M extends EntityMapShape, E extends keyof M> = M[E] extends {
  readonly entity: { readonly [entityCapabilities]: { readonly api: infer A } };
}
  ? A
  : never;

/**
 * What `new Query('Ticket')` of `atws` says when no generated version typed it (a program that
 * imports `atws` and a module generated from a tenant, which registers no version): how to type it.
 */
export type NoEntityMapImported =
  "import { Query } from your generated module (typed by its entities), or at.newQuery('Ticket'), or import a version: 'atws/v1_6'";

/**
 * The entity map a `Query` is of when not told: the imported version's ({@link DefaultEntityMap}),
 * or one whose only entity name is {@link NoEntityMapImported}, so that the error says what to do
 * (instead of `Query<never, never>`).
 */
export type QueryDefaultEntityMap = [DefaultEntityMap] extends [never]
  ? { readonly [K in NoEntityMapImported]: { readonly entity: CanQuery } }
  : DefaultEntityMap;

/**
 * The `Query` class as a generated module exports it: the same class (its statics, `instanceof`),
 * whose `new Query('Ticket')` is typed by the module's entity map `M` rather than by the version a
 * program imported, so that a tenant's module types its queries without type arguments.
 */
export type QueryClassOf<M extends EntityMapShape> = Omit<typeof Query, 'prototype'> & {
  new <E extends QueryableEntityName<M>>(entity: E): Query<E, M>;
  readonly prototype: Query<QueryableEntityName<M>, M>;
};

/** Key of the phantom property that ties a query to one API version. */
declare const queryApiVersion: unique symbol;

/**
 * What a connection runs: a query of entity `E` made for API version `V` (a `Query`, whichever
 * module's entity map typed it). Covariant in `E`, so that queries of several entities go in one
 * list (`at.queries([ticketQuery, accountQuery])`); the version is what a connection of the other
 * refuses.
 */
export interface QueryOf<E extends string, V> {
  readonly entity: E;
  readonly [queryApiVersion]: V;
  toTree(): QueryTree;
}

/** Key of the phantom property through which a query's type records a Like, NotLike or SoundsLike condition. */
declare const patternOperator: unique symbol;

/** The operators of Autotask's QueryXML that REST's query pages lack (no equivalent, ignored if sent). */
export type PatternOperator = 'Like' | 'NotLike' | 'SoundsLike';

/**
 * What a Like, NotLike or SoundsLike condition adds to its query's type (`where` returns
 * `this & UsesPatternOperator<'Like'>`), so that a REST connection can refuse the query at compile
 * time as its run time does before sending. Recorded through chained calls and groups; a query
 * changed by statements (`q.where(...);` then `at.query(q)`) keeps the type it was declared with.
 */
export interface UsesPatternOperator<O extends PatternOperator> {
  readonly [patternOperator]: O;
}

/** What a condition with operator `O` adds to the query's type. */
export type PatternMark<O> = O extends PatternOperator ? UsesPatternOperator<O> : unknown;
/** What a group built as `G` adds to the query's type: the pattern operators its conditions used. */
export type GroupPatternMark<G> = G extends UsesPatternOperator<infer O> ? UsesPatternOperator<O> : unknown;

/** What a REST query may not hold, in the words a compile error shows. */
export type NotRestOperator = 'Like, NotLike and SoundsLike are not operators of the REST API';

/**
 * What a connection over `Transport` requires of a query beside its entity and version: nothing
 * over SOAP; over REST (or a transport the type does not know), no pattern operator.
 */
export type QueryOver<Transport extends 'soap' | 'rest'> = [Transport] extends ['soap'] ? unknown : { readonly [patternOperator]?: NotRestOperator };

/**
 * A group of conditions: a function given a fresh query of the same entity, returning it with the
 * group's conditions (`(q) => q.where('Status', 'Equals', a).or('Status', 'Equals', b)`).
 */
export type QueryGroup<E extends QueryableEntityName<M>, M extends EntityMapShape> = (group: Query<E, M>) => Query<E, M>;

/** Options of a condition: `{ udf: true }` names a user-defined field instead of a field. */
export interface ConditionOptions {
  readonly udf: true;
}

/** A value checked and copied as the tree keeps it (a Date copied, so a later change to it does not reach the query). */
function checkedValue(field: string, value: unknown): QueryValue {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UsageError(`Query: the value for "${field}" must be a finite number, got ${value}`);
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UsageError(`Query: the value for "${field}" is an invalid Date`);
    return new Date(value.getTime());
  }
  throw new UsageError(`Query: the value for "${field}" must be a string, number, boolean or Date, got ${value === null ? 'null' : typeof value}`);
}

/** A frozen condition node. */
function conditionNode(operator: 'AND' | 'OR', items: readonly QueryNode[]): ConditionNode {
  return Object.freeze({ kind: 'condition' as const, operator, items: Object.freeze(items) as QueryNode[] });
}

const EMPTY_ROOT = conditionNode('AND', []);

/**
 * A query of one entity type. Sibling conditions combine left to right: `where`/`and` with AND,
 * `or` with OR; a function given to them makes a group (balanced by construction), as
 * `openBracket`/`closeBracket` do.
 *
 * @example
 * const q = new Query('Ticket').where('id', Query.GreaterThan, 5667).and((g) => g.or('Status', 'Equals', complete).or('Status', 'Equals', waiting));
 */
export class Query<E extends QueryableEntityName<M>, M extends EntityMapShape = QueryDefaultEntityMap> {
  /** The API version the query's fields are of: a connection of the other version refuses it. */
  declare readonly [queryApiVersion]: VersionOfEntityMap<M, E>;

  static readonly Equals = 'Equals';
  static readonly NotEqual = 'NotEqual';
  static readonly GreaterThan = 'GreaterThan';
  static readonly LessThan = 'LessThan';
  static readonly GreaterThanorEquals = 'GreaterThanorEquals';
  static readonly LessThanOrEquals = 'LessThanOrEquals';
  static readonly BeginsWith = 'BeginsWith';
  static readonly EndsWith = 'EndsWith';
  static readonly Contains = 'Contains';
  static readonly IsNotNull = 'IsNotNull';
  static readonly IsNull = 'IsNull';
  static readonly IsThisDay = 'IsThisDay';
  static readonly Like = 'Like';
  static readonly NotLike = 'NotLike';
  static readonly SoundsLike = 'SoundsLike';

  readonly Equals = 'Equals';
  readonly NotEqual = 'NotEqual';
  readonly GreaterThan = 'GreaterThan';
  readonly LessThan = 'LessThan';
  readonly GreaterThanorEquals = 'GreaterThanorEquals';
  readonly LessThanOrEquals = 'LessThanOrEquals';
  readonly BeginsWith = 'BeginsWith';
  readonly EndsWith = 'EndsWith';
  readonly Contains = 'Contains';
  readonly IsNotNull = 'IsNotNull';
  readonly IsNull = 'IsNull';
  readonly IsThisDay = 'IsThisDay';
  readonly Like = 'Like';
  readonly NotLike = 'NotLike';
  readonly SoundsLike = 'SoundsLike';

  /** Every operator, in canonical spelling. */
  static readonly operators: readonly QueryOperator[] = QUERY_OPERATORS;

  readonly entity: E;
  /** The conditions so far, frozen: replaced, never changed. */
  private root: ConditionNode = EMPTY_ROOT;
  /** The open brackets, as the position of each in its parent group, outermost first. */
  private readonly open: number[] = [];

  constructor(entity: E) {
    if (typeof entity !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(entity)) {
      throw new UsageError(`Query: the entity must be an entity type name such as 'Ticket', got ${JSON.stringify(entity)}`);
    }
    this.entity = entity;
  }

  /**
   * The Python wrapper's (python-atws) WHERE: adds a condition ANDed with what precedes it; given a function, a group of
   * conditions (`.where((q) => q.where(...).or(...))`), bracketed by construction.
   */
  where<F extends QueryFieldName<E, M> | (string & {}), O extends QueryFieldOperator<E, M, F>>(
    field: QueryFieldArgument<E, M, F>,
    operator: O,
    ...value: QueryValueArgument<E, M, F, O>
  ): this & PatternMark<O>;
  where<G extends Query<E, M>>(group: (group: Query<E, M>) => G): this & GroupPatternMark<G>;
  where<U extends QueryUdfName<E, M>, O extends QueryUdfOperator<E, M, U>>(
    field: U,
    operator: O,
    value: QueryUdfArgument<E, M, U, O>,
    options: ConditionOptions,
  ): this & PatternMark<O>;
  where(field: string | QueryGroup<E, M>, operator?: QueryOperator, value?: QueryValue, options?: ConditionOptions): this {
    if (typeof field === 'function') return this.group('AND', field, 'where');
    return this.add('AND', field, operator, value, options, 'where');
  }

  /** The Python wrapper's (python-atws) AND: the same as `where` (a function: a group ANDed with what precedes it). */
  and<F extends QueryFieldName<E, M> | (string & {}), O extends QueryFieldOperator<E, M, F>>(
    field: QueryFieldArgument<E, M, F>,
    operator: O,
    ...value: QueryValueArgument<E, M, F, O>
  ): this & PatternMark<O>;
  and<G extends Query<E, M>>(group: (group: Query<E, M>) => G): this & GroupPatternMark<G>;
  and<U extends QueryUdfName<E, M>, O extends QueryUdfOperator<E, M, U>>(
    field: U,
    operator: O,
    value: QueryUdfArgument<E, M, U, O>,
    options: ConditionOptions,
  ): this & PatternMark<O>;
  and(field: string | QueryGroup<E, M>, operator?: QueryOperator, value?: QueryValue, options?: ConditionOptions): this {
    if (typeof field === 'function') return this.group('AND', field, 'and');
    return this.add('AND', field, operator, value, options, 'and');
  }

  /**
   * The Python wrapper's (python-atws) OR: adds a condition ORed with what precedes it; given a function, a group ORed with
   * what precedes it (`.or((q) => q.where(...).and(...))`), as Kysely's `eb.or([...])`.
   */
  or<F extends QueryFieldName<E, M> | (string & {}), O extends QueryFieldOperator<E, M, F>>(
    field: QueryFieldArgument<E, M, F>,
    operator: O,
    ...value: QueryValueArgument<E, M, F, O>
  ): this & PatternMark<O>;
  or<G extends Query<E, M>>(group: (group: Query<E, M>) => G): this & GroupPatternMark<G>;
  or<U extends QueryUdfName<E, M>, O extends QueryUdfOperator<E, M, U>>(
    field: U,
    operator: O,
    value: QueryUdfArgument<E, M, U, O>,
    options: ConditionOptions,
  ): this & PatternMark<O>;
  or(field: string | QueryGroup<E, M>, operator?: QueryOperator, value?: QueryValue, options?: ConditionOptions): this {
    if (typeof field === 'function') return this.group('OR', field, 'or');
    return this.add('OR', field, operator, value, options, 'or');
  }

  /** Opens a group combined with what precedes it by `operator` (AND unless told). */
  openBracket(operator: 'AND' | 'OR' = 'AND'): this {
    const op = typeof operator === 'string' ? operator.toUpperCase() : operator;
    if (op !== 'AND' && op !== 'OR') throw new UsageError(`Query.openBracket: the operator must be 'AND' or 'OR', got ${JSON.stringify(operator)}`);
    const at = this.current().items.length;
    this.append(conditionNode(op, []));
    this.open.push(at);
    return this;
  }

  /** Closes the innermost open group. */
  closeBracket(): this {
    if (this.open.length === 0) throw new UsageError('Query.closeBracket: no bracket is open');
    const group = this.current();
    if (group.items.length === 0) throw new UsageError('Query.closeBracket: the bracket holds no condition');
    this.open.pop();
    return this;
  }

  /**
   * The condition tree as it is now (throws when a bracket is still open). Its nodes are frozen,
   * so it stays as it is whatever the query becomes after: a cursor takes it when it is made.
   */
  toTree(): QueryTree {
    if (this.open.length > 0) {
      throw new UsageError(`Query(${this.entity}): ${this.open.length} bracket(s) still open; call closeBracket()`);
    }
    return Object.freeze({ entity: this.entity, root: this.root });
  }

  /**
   * The queryxml document, as SOAP's `query(sXML)` takes it (dates in US Eastern time). The SOAP
   * transport writes it: the builder itself knows no wire format.
   */
  toXml(): string {
    return queryText(this.toTree(), { pretty: false });
  }

  /** The queryxml, indented for reading (python-atws's `pretty_print`), as the SOAP transport writes it. */
  prettyPrint(): string {
    return queryText(this.toTree(), { pretty: true });
  }

  toString(): string {
    return this.toXml();
  }

  /**
   * What `JSON.stringify(query)` writes: the entity and the conditions in words
   * (`id GreaterThan 5667 AND (Status Equals 5 OR IssueType Equals 14)`), not the builder's parts.
   */
  toJSON(): { entity: E; where: string } {
    return { entity: this.entity, where: this.conditionsText() };
  }

  /** What `console.log(query)` shows: `Query(Ticket) { id GreaterThan 5667 AND (...) }`. */
  [inspectCustom](): string {
    const where = this.conditionsText();
    return `Query(${this.entity}) {${where === '' ? '' : ` ${where} `}}`;
  }

  private conditionsText(): string {
    const text = describeConditions(this.root);
    return this.open.length === 0 ? text : `${text} (${this.open.length} bracket(s) open)`.trimStart();
  }

  private current(): ConditionNode {
    let group = this.root;
    for (const at of this.open) group = group.items[at] as ConditionNode;
    return group;
  }

  /** Adds an item to the innermost open group: new frozen nodes along the path to it. */
  private append(item: QueryNode): void {
    const along = (group: ConditionNode, depth: number): ConditionNode => {
      if (depth === this.open.length) return conditionNode(group.operator, [...group.items, item]);
      const at = this.open[depth] as number;
      const items = group.items.slice();
      items[at] = along(group.items[at] as ConditionNode, depth + 1);
      return conditionNode(group.operator, items);
    };
    this.root = along(this.root, 0);
  }

  /**
   * A group: the function fills a fresh query of the same entity, whose conditions become one
   * bracket here (what openBracket/closeBracket make, but balanced by construction).
   */
  private group(combine: 'AND' | 'OR', build: QueryGroup<E, M>, method: string): this {
    const inner: unknown = build(new Query<E, M>(this.entity));
    if (!(inner instanceof Query) || inner.entity !== this.entity) {
      throw new UsageError(`Query.${method}: the group function must return the ${this.entity} query it was given, with its conditions`);
    }
    const { root } = inner.toTree();
    if (root.items.length === 0) throw new UsageError(`Query.${method}: the group holds no condition`);
    this.append(conditionNode(combine, root.items));
    return this;
  }

  private add(
    combine: 'AND' | 'OR',
    field: string,
    operator: string | undefined,
    value: unknown,
    options: ConditionOptions | undefined,
    method: string,
  ): this {
    if (typeof field !== 'string' || field === '') throw new UsageError(`Query.${method}: the field name must be a non-empty string`);
    const op = typeof operator === 'string' ? normalizeOperator(operator) : undefined;
    if (op === undefined) {
      throw new UsageError(`Query.${method}("${field}"): unknown operator ${JSON.stringify(operator)}; use one of ${QUERY_OPERATORS.join(', ')}`);
    }
    if (options !== undefined && (typeof options !== 'object' || options === null || (options as { udf?: unknown }).udf !== true)) {
      throw new UsageError(`Query.${method}("${field}"): the options may only be { udf: true }`);
    }
    let checked: QueryValue | undefined;
    if (operatorTakesValue(op)) {
      if (value === undefined || value === null) throw new UsageError(`Query.${method}("${field}", ${op}): a value is required`);
      checked = checkedValue(field, value);
    } else if (value !== undefined && value !== null) {
      throw new UsageError(`Query.${method}("${field}", ${op}): this operator takes no value`);
    }
    const node: FieldNode = Object.freeze({
      kind: 'field' as const,
      name: field,
      udf: options?.udf === true,
      expressions: Object.freeze([Object.freeze({ op, value: checked })]) as FieldNode['expressions'],
    });
    // Only conditions carry an operator in the tree (as in queryxml): an OR is a one-item group.
    this.append(combine === 'OR' ? conditionNode('OR', [node]) : node);
    return this;
  }
}
