/**
 * A REST query (`GET {C}/query?search=<json>`, the body of `POST {C}/query`, and the same under
 * `query/count`) as the neutral query tree the tenant evaluates.
 *
 * `{"filter": [...], "IncludeFields": [...], "MaxRecords": n}`, top-level keys in any case (the
 * swagger's QueryModel spells them `filter/includeFields/maxRecords`, its example
 * `Filter/IncludeFields/MaxRecords`). Sibling conditions are ANDed; `{"op": "and"|"or", "items":
 * [...]}` groups nest; a condition is `{"op", "field", "value", "udf"}` ("Making basic query calls
 * to the REST API"; the Postman collection's grouping example). The 13 operators map onto the
 * query tree's: eq, noteq, gt, gte, lt, lte, beginsWith, endsWith, contains, exist (IsNotNull),
 * notExist (IsNull), in (an OR of eq, so more than 500 values meet the documented limit of 500 OR
 * conditions, as msoukhomlinov/n8n-nodes-autotask saw from production), notIn (an AND of noteq).
 */
import {
  MAX_OR_CONDITIONS,
  type ConditionNode,
  type FieldNode,
  type QueryNode,
  type QueryOperator,
  type QueryTree,
  type QueryValue,
} from 'atws/protocol';
import { MAX_QUERY_CONDITIONS, TOO_MANY_OR_CONDITIONS, tooManyConditions } from '../tenant/query-limits.js';
import type { UdfDefinition } from '../tenant/picklist-types.js';
import { foldCase } from '../tenant/text-match.js';
import type { FieldSelection } from './entity-json.js';
import { isJsonObject, member, shown, type JsonObject, type JsonValue } from './json-input.js';
import { RestRefusal } from './rest-answer.js';
import { restField, unkeptFieldMessage, unknownFieldMessage, type RestEntityShape } from './rest-entity-shape.js';

/** At most one user-defined field per query: "only query by one user-defined field at a time" (UserDefinedFieldDefinitions page). */
export const MAX_UDFS_PER_REST_QUERY = 1;

/** How deep groups may nest (our choice, as for SOAP's `<condition>`: no page gives a limit). */
export const MAX_GROUP_DEPTH = 64;

/** The most records one answer holds, and the largest MaxRecords: "API responses can return a maximum of 500 results at a time". */
export const REST_PAGE_SIZE = 500;

export interface RestQuery {
  readonly tree: QueryTree;
  /** The IncludeFields selection; undefined for every field. */
  readonly selection: FieldSelection | undefined;
  /** MaxRecords, 1-500; undefined when not given. */
  readonly maxRecords: number | undefined;
}

const VALUE_OPERATORS: Readonly<Record<string, QueryOperator>> = {
  eq: 'Equals',
  noteq: 'NotEqual',
  gt: 'GreaterThan',
  gte: 'GreaterThanorEquals',
  lt: 'LessThan',
  lte: 'LessThanOrEquals',
  beginswith: 'BeginsWith',
  endswith: 'EndsWith',
  contains: 'Contains',
};

interface Budget {
  conditions: number;
  ors: number;
  readonly udfs: Set<string>;
}

class FilterReader {
  readonly budget: Budget = { conditions: 0, ors: 0, udfs: new Set() };

  constructor(
    private readonly shape: RestEntityShape,
    private readonly udfDefinitions: readonly UdfDefinition[],
  ) {}

  private spend(conditions: number, ors: number): void {
    this.budget.conditions += conditions;
    this.budget.ors += ors;
    if (this.budget.ors > MAX_OR_CONDITIONS) throw new RestRefusal(TOO_MANY_OR_CONDITIONS);
    if (this.budget.conditions > MAX_QUERY_CONDITIONS) throw new RestRefusal(tooManyConditions(undefined));
  }

  /** A list of conditions joined by `join` (the top level and `and` groups: AND; `or` groups: OR). */
  items(list: readonly JsonValue[], join: 'AND' | 'OR', depth: number): QueryNode[] {
    const nodes: QueryNode[] = [];
    for (const item of list) {
      const node = this.item(item, depth);
      if (node === undefined) continue;
      if (join === 'AND') nodes.push(node);
      else if (node.kind === 'condition') {
        this.spend(0, 1);
        nodes.push({ ...node, operator: 'OR' });
      } else {
        // A field always joins with AND in the tree: an OR'd one is a one-item OR group.
        this.spend(1, 1);
        nodes.push({ kind: 'condition', operator: 'OR', items: [node] });
      }
    }
    return nodes;
  }

  /** One condition or group; undefined for a condition whose operator the API does not know (it is ignored). */
  private item(item: JsonValue, depth: number): QueryNode | undefined {
    if (!isJsonObject(item)) throw new RestRefusal(`A filter condition must be an object, not ${shown(item)}.`);
    const opValue = member(item, 'op', 'filter condition');
    if (typeof opValue !== 'string') throw new RestRefusal(`A filter condition has no op: ${shown(item)}.`);
    const op = opValue.toLowerCase();
    const groupItems = member(item, 'items', 'filter condition');
    if (op === 'and' || op === 'or') {
      if (!Array.isArray(groupItems)) throw new RestRefusal(`The ${opValue} group needs an items array: ${shown(item)}.`);
      if (depth >= MAX_GROUP_DEPTH) throw new RestRefusal(`Filter groups are nested more than ${MAX_GROUP_DEPTH} deep.`);
      this.spend(1, 0);
      return { kind: 'condition', operator: 'AND', items: this.items(groupItems, op === 'or' ? 'OR' : 'AND', depth + 1) };
    }
    return this.condition(item, op, opValue);
  }

  private condition(item: JsonObject, op: string, opValue: string): QueryNode | undefined {
    const fieldValue = member(item, 'field', 'filter condition');
    if (typeof fieldValue !== 'string' || fieldValue === '') throw new RestRefusal(`The ${opValue} condition has no field: ${shown(item)}.`);
    const udfFlag = member(item, 'udf', 'filter condition');
    if (udfFlag !== undefined && udfFlag !== null && typeof udfFlag !== 'boolean')
      throw new RestRefusal(`udf must be true or false, not ${shown(udfFlag)}.`);
    const udf = udfFlag === true;
    const value = member(item, 'value', 'filter condition');
    const isList = op === 'in' || op === 'notin';
    const single = VALUE_OPERATORS[op];
    const presence: QueryOperator | undefined = op === 'exist' ? 'IsNotNull' : op === 'notexist' ? 'IsNull' : undefined;
    // "ne" for "noteq" and the like: production drops the condition and answers unfiltered
    // (WYRE-AI/autotask-mcp pull request #282).
    if (!isList && single === undefined && presence === undefined) return undefined;
    const { node: field, booleanAsInteger } = this.fieldOf(fieldValue, udf);
    const scalar = (v: JsonValue | undefined): QueryValue => {
      const read = this.scalar(v, opValue, fieldValue);
      return booleanAsInteger && typeof read === 'boolean' ? Number(read) : read;
    };
    if (presence !== undefined) {
      this.spend(1, 0);
      return { ...field, expressions: [{ op: presence, value: undefined }] };
    }
    if (!isList) {
      this.spend(1, 0);
      return { ...field, expressions: [{ op: single as QueryOperator, value: scalar(value) }] };
    }
    if (!Array.isArray(value) || value.length === 0)
      throw new RestRefusal(`The ${opValue} condition on ${fieldValue} needs a non-empty array of values, not ${shown(value)}.`);
    if (op === 'notin') {
      this.spend(value.length, 0);
      return { ...field, expressions: value.map((v) => ({ op: 'NotEqual' as const, value: scalar(v) })) };
    }
    this.spend(2 * value.length, value.length);
    return {
      kind: 'condition',
      operator: 'AND',
      items: value.map((v) => ({
        kind: 'condition' as const,
        operator: 'OR' as const,
        items: [{ ...field, expressions: [{ op: 'Equals' as const, value: scalar(v) }] }],
      })),
    };
  }

  /**
   * The field a condition names; `booleanAsInteger` where the REST model types a SOAP integer
   * boolean (`ContractRetainer.isPaid`), so that true and false compare as 1 and 0.
   */
  private fieldOf(name: string, udf: boolean): { node: Omit<FieldNode, 'expressions'>; booleanAsInteger: boolean } {
    if (udf) {
      const definition = this.udfDefinitions.find((d) => foldCase(d.name) === foldCase(name));
      if (definition === undefined) throw new RestRefusal(unknownFieldMessage(this.shape, name));
      this.budget.udfs.add(foldCase(definition.name));
      if (this.budget.udfs.size > MAX_UDFS_PER_REST_QUERY) {
        throw new RestRefusal(`A query may filter on only ${MAX_UDFS_PER_REST_QUERY} user-defined field at a time.`);
      }
      return { node: { kind: 'field', name: definition.name, udf: true }, booleanAsInteger: false };
    }
    const field = restField(this.shape, name);
    // A UDF name without udf:true is "Unable to find <field> in the Entity" too (n8n-nodes-autotask CHANGELOG).
    if (field === undefined) throw new RestRefusal(unknownFieldMessage(this.shape, name));
    if (field.soap === undefined) throw new RestRefusal(unkeptFieldMessage(this.shape, field));
    const integer = field.soap.type === 'integer' || field.soap.type === 'long' || field.soap.type === 'short';
    return { node: { kind: 'field', name: field.soap.name, udf: false }, booleanAsInteger: integer && field.type === 'boolean' };
  }

  /** A value to compare with: text, a number or a boolean ("Any other values, including null values, will return an error"). */
  private scalar(value: JsonValue | undefined, op: string, field: string): QueryValue {
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    throw new RestRefusal(`The ${op} condition on ${field} needs a value (text, a number or true/false), not ${shown(value)}.`);
  }
}

function readSelection(shape: RestEntityShape, udfs: readonly UdfDefinition[], value: JsonValue): FieldSelection {
  if (!Array.isArray(value)) throw new RestRefusal(`IncludeFields must be an array of field names, not ${shown(value)}.`);
  const fields = new Set<string>();
  const udfNames = new Set<string>();
  for (const name of value) {
    if (typeof name !== 'string') throw new RestRefusal(`IncludeFields must name fields, not ${shown(name)}.`);
    const field = restField(shape, name);
    if (field !== undefined) {
      fields.add(field.rest.toLowerCase());
      continue;
    }
    // "You can include any object fields that the entity contains, including user-defined fields" (advanced query page).
    const udf = udfs.find((d) => foldCase(d.name) === foldCase(name));
    if (udf !== undefined) {
      udfNames.add(foldCase(udf.name));
      continue;
    }
    if (name.toLowerCase() === 'userdefinedfields') {
      for (const d of udfs) udfNames.add(foldCase(d.name));
      continue;
    }
    // Production refuses an unknown IncludeFields name: "Unable to find companyName in the Contact Entity" (n8n-nodes-autotask CHANGELOG).
    throw new RestRefusal(unknownFieldMessage(shape, name));
  }
  return { fields, udfs: udfNames };
}

function readMaxRecords(value: JsonValue): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > REST_PAGE_SIZE) {
    throw new RestRefusal(`MaxRecords must be an integer from 1 to ${REST_PAGE_SIZE}, not ${shown(value)}.`);
  }
  return value;
}

/**
 * Reads a query of `shape`'s entity. A query without a condition is refused: every production
 * client sends one (n8n-nodes-autotask adds `{"op":"exist","field":"id"}`, the apigrate README and
 * the Postman collection use `gte id 0`); what the API answers to none is not documented (our
 * choice: refused, so that a client relying on it is caught here rather than in production).
 */
export function readRestQuery(shape: RestEntityShape, udfs: readonly UdfDefinition[], json: JsonValue): RestQuery {
  if (!isJsonObject(json)) throw new RestRefusal(`A query must be a JSON object such as {"filter": [...]}, not ${shown(json)}.`);
  const filter = member(json, 'filter', 'query');
  if (filter === undefined || filter === null || (Array.isArray(filter) && filter.length === 0)) {
    throw new RestRefusal('A query needs at least one filter condition, e.g. {"filter": [{"op": "exist", "field": "id"}]}.');
  }
  if (!Array.isArray(filter)) throw new RestRefusal(`filter must be an array of conditions, not ${shown(filter)}.`);
  const reader = new FilterReader(shape, udfs);
  const root: ConditionNode = { kind: 'condition', operator: 'AND', items: reader.items(filter, 'AND', 0) };
  const include = member(json, 'includeFields', 'query');
  const max = member(json, 'maxRecords', 'query');
  return {
    tree: { entity: shape.meta.name, root },
    selection: include === undefined || include === null ? undefined : readSelection(shape, udfs, include),
    maxRecords: max === undefined || max === null ? undefined : readMaxRecords(max),
  };
}
