/**
 * `atws/query`: the typed query builder alone, for generated code. A generated module exports its
 * own `Query` (this class, typed by the module's entity map), so that a program typed by a tenant's
 * module writes `new Query('Ticket')` as one typed by the shipped version does. Generated code may
 * import the layers below the client only: this entry loads no connection and no wire format.
 * The types the class's signatures name directly are exported too; those of the layers below (CanQuery,
 * QueryOperator, QueryTree) are `atws/entity`'s and `atws/protocol`'s.
 */
export { Query } from './query.js';
export type {
  ConditionOptions,
  EntityMapShape,
  GroupPatternMark,
  PatternMark,
  QueryableEntityName,
  QueryClassOf,
  QueryDefaultEntityMap,
  QueryFieldArgument,
  QueryFieldName,
  QueryFieldOperator,
  QueryUdfArgument,
  QueryUdfName,
  QueryUdfOperator,
  QueryValueArgument,
  VersionOfEntityMap,
} from './query.js';
