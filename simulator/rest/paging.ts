/**
 * Pages of a REST query. An answer holds at most 500 items ("API responses can return a maximum
 * of 500 results at a time", "Introduction to REST API calls"), in ascending id order (SOAP's
 * query() sorts by id; clients page REST by the last id: apigrate/autotask-restapi issues #15 and
 * #24), with `pageDetails: {count, requestCount, prevPageUrl, nextPageUrl}` (the swagger's
 * PagingModel; `requestCount` the page size asked, 500 by default: apigrate README).
 *
 * `nextPageUrl` is absolute, `.../V1.0/{Collection}/query/next?paging=<json>` with the paging JSON
 * `{"pageSize", "previousIds", "nextIds"}` (the keys KelvinTegelaar/AutotaskAPI's
 * Get-AutotaskAPIResource.ps1 quotes). After a POST query it is followed with POST and the same
 * body; a GET of it is 405 (reproduced against production in WYRE-AI/autotask-mcp pull request
 * #170). After a GET `?search=` query it also carries `&search=` and is followed with GET, as
 * KelvinTegelaar/AutotaskAPI and KerkhoffTechnologies/django-autotask do. What the ids mean is
 * ours: `nextIds: [last id of this page]` asks for the page after it, `previousIds: [first id]`
 * alone for the page before it, so that a cursor holds no state on the server.
 */
import type { ConditionNode, QueryTree } from 'atws/protocol';
import type { StoredEntity } from '../tenant/store.js';
import type { Tenant } from '../tenant/tenant.js';
import { isJsonObject, member, parseJson, shown, type JsonValue } from './json-input.js';
import { RestRefusal } from './rest-answer.js';
import { REST_READING } from './rest-reading.js';
import { REST_PAGE_SIZE } from './query-input.js';
import { tenantRefusal, type RestEntityShape } from './rest-entity-shape.js';

/** Where a page starts: the first page, after an id, or before one. */
export type PagePosition =
  { readonly kind: 'first' } | { readonly kind: 'after'; readonly id: number } | { readonly kind: 'before'; readonly id: number };

export interface PageRequest {
  readonly pageSize: number;
  readonly position: PagePosition;
}

export interface Page {
  readonly records: readonly StoredEntity[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
}

export interface PageDetails {
  readonly count: number;
  readonly requestCount: number;
  readonly prevPageUrl: string | null;
  readonly nextPageUrl: string | null;
}

function idList(value: JsonValue | undefined, name: string): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 1 || !value.every((id) => typeof id === 'number' && Number.isSafeInteger(id))) {
    throw new RestRefusal(`The paging parameter's ${name} must be an array of at most one id, not ${shown(value)}.`);
  }
  return value as number[];
}

/** Reads the `paging` parameter of a `query/next` URL. */
export function readPaging(text: string): PageRequest {
  const json = parseJson(text, 'paging parameter');
  if (!isJsonObject(json)) throw new RestRefusal(`The paging parameter must be a JSON object, not ${shown(json)}.`);
  const pageSize = member(json, 'pageSize', 'paging parameter');
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > REST_PAGE_SIZE) {
    throw new RestRefusal(`The paging parameter's pageSize must be an integer from 1 to ${REST_PAGE_SIZE}, not ${shown(pageSize)}.`);
  }
  const next = idList(member(json, 'nextIds', 'paging parameter'), 'nextIds');
  const previous = idList(member(json, 'previousIds', 'paging parameter'), 'previousIds');
  if (next[0] !== undefined) return { pageSize, position: { kind: 'after', id: next[0] } };
  if (previous[0] !== undefined) return { pageSize, position: { kind: 'before', id: previous[0] } };
  throw new RestRefusal('The paging parameter names no id to page from (nextIds or previousIds).');
}

/** The query with `id <op> bound` ANDed in front, where the engine turns it into a range scan. */
function bounded(tree: QueryTree, op: 'GreaterThan' | 'LessThan', bound: number): QueryTree {
  const inner: ConditionNode = { kind: 'condition', operator: 'AND', items: tree.root.items };
  return {
    entity: tree.entity,
    root: { kind: 'condition', operator: 'AND', items: [{ kind: 'field', name: 'id', udf: false, expressions: [{ op, value: bound }] }, inner] },
  };
}

/** Runs a query of `shape`'s entity: its matches in ascending id order, at most `limit`. */
export function runQuery(tenant: Tenant, shape: RestEntityShape, tree: QueryTree, limit: number): readonly StoredEntity[] {
  const outcome = tenant.query(tenant.schema, tree, REST_READING, limit);
  if ('refused' in outcome) throw tenantRefusal(shape, outcome.refused);
  return outcome.records;
}

/** One page of the query's matches at `request`'s position, and whether pages lie before and after it. */
export function readPage(tenant: Tenant, shape: RestEntityShape, tree: QueryTree, request: PageRequest): Page {
  const { pageSize, position } = request;
  const run = (query: QueryTree, limit: number): readonly StoredEntity[] => runQuery(tenant, shape, query, limit);
  const any = (op: 'GreaterThan' | 'LessThan', id: number): boolean => run(bounded(tree, op, id), 1).length > 0;
  if (position.kind === 'before') {
    // The last pageSize matches before the id: every one is read (a backward page costs a scan).
    const all = run(bounded(tree, 'LessThan', position.id), Number.MAX_SAFE_INTEGER);
    const records = all.slice(Math.max(0, all.length - pageSize));
    const last = records[records.length - 1];
    return { records, hasPrevious: all.length > pageSize, hasNext: last !== undefined && any('GreaterThan', last.id) };
  }
  const query = position.kind === 'after' ? bounded(tree, 'GreaterThan', position.id) : tree;
  const found = run(query, pageSize + 1);
  const records = found.slice(0, pageSize);
  const first = records[0];
  return { records, hasNext: found.length > pageSize, hasPrevious: position.kind === 'after' && first !== undefined && any('LessThan', first.id) };
}

/** How the page URLs are written: the query/next URL of the collection, and the search to repeat for GET. */
export interface PageLinks {
  /** `.../V1.0/{Collection}/query/next`. */
  readonly nextUrl: string;
  /** The search JSON of a GET query, carried on so that GET can follow; undefined after POST. */
  readonly search: string | undefined;
}

export function pageDetails(page: Page, pageSize: number, links: PageLinks | undefined): PageDetails {
  const first = page.records[0];
  const last = page.records[page.records.length - 1];
  const url = (paging: object): string =>
    `${links?.nextUrl}?paging=${encodeURIComponent(JSON.stringify(paging))}` +
    (links?.search === undefined ? '' : `&search=${encodeURIComponent(links.search)}`);
  return {
    count: page.records.length,
    requestCount: pageSize,
    prevPageUrl: links !== undefined && page.hasPrevious && first !== undefined ? url({ pageSize, previousIds: [first.id], nextIds: [] }) : null,
    nextPageUrl:
      links !== undefined && page.hasNext && first !== undefined && last !== undefined
        ? url({ pageSize, previousIds: [first.id], nextIds: [last.id] })
        : null,
  };
}
