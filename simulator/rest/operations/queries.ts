/**
 * The reading routes of an entity: `GET {C}/query?search=`, `POST {C}/query`, their next pages
 * (`query/next`), `query/count` (`{"queryCount": n}`: the swagger's QueryCountResultModel, the
 * apigrate README), `GET {C}/{id}` (`{"item": ...}`, and `{"item": null}` for an id that does not
 * exist: the apigrate client's test "item is null when get by id not found", django-autotask and
 * n8n-nodes-autotask, which see 200 and null rather than 404), and a child route's list
 * (`GET /V1.0/{P}/{pid}/{Child}`: every child of that parent, in pages).
 */
import type { HttpAnswer } from '../../http/front.js';
import type { QueryTree } from 'atws/protocol';
import { entityJson } from '../entity-json.js';
import { parseJson } from '../json-input.js';
import { ok, RestRefusal } from '../rest-answer.js';
import { queryParameter, type EntityCall } from '../rest-context.js';
import { pageDetails, readPage, readPaging, runQuery, type PageLinks, type PageRequest } from '../paging.js';
import { readRestQuery, REST_PAGE_SIZE, type RestQuery } from '../query-input.js';
import { REST_BASE_PATH } from '../rest-routes.js';

/** The search of a GET (its `search` parameter) or a POST (its body). */
function searchText(call: EntityCall, get: boolean): string {
  if (get) {
    const search = queryParameter(call.url, 'search');
    if (search === undefined || search.trim() === '')
      throw new RestRefusal('A GET query needs its filter in the search parameter: ?search={"filter":[...]}.');
    return search;
  }
  if (call.body.trim() === '') {
    // A POST of a nextPageUrl that carries the search (a GET query's) may leave the body empty.
    const search = queryParameter(call.url, 'search');
    if (search !== undefined && search.trim() !== '') return search;
    throw new RestRefusal('A POST query needs its filter in the body: {"filter":[...]}.');
  }
  return call.body;
}

function readQuery(call: EntityCall, text: string): RestQuery {
  const { shape } = call.route;
  return readRestQuery(shape, call.tenant.udfsOf(shape.meta.name), parseJson(text, 'query'));
}

function nextUrl(call: EntityCall): string | undefined {
  const collection = call.route.shape.rest.collection;
  return collection === undefined ? undefined : `${call.baseUrl}${REST_BASE_PATH}V1.0/${collection.name}/query/next`;
}

function pageAnswer(
  call: EntityCall,
  tree: QueryTree,
  query: Pick<RestQuery, 'selection'>,
  request: PageRequest,
  search: string | undefined,
): HttpAnswer {
  const { shape } = call.route;
  const page = readPage(call.tenant, shape, tree, request);
  const url = nextUrl(call);
  const links: PageLinks | undefined = url === undefined ? undefined : { nextUrl: url, search };
  const udfs = call.tenant.udfsOf(shape.meta.name);
  return ok({
    items: page.records.map((record) => entityJson(shape, record, udfs, query.selection)),
    pageDetails: pageDetails(page, request.pageSize, links),
  });
}

export function query(call: EntityCall): HttpAnswer {
  const get = call.method === 'queryGet';
  const text = searchText(call, get);
  const parsed = readQuery(call, text);
  if (call.route.tail.kind === 'next') {
    const paging = queryParameter(call.url, 'paging');
    if (paging === undefined) throw new RestRefusal('query/next needs the paging parameter of a nextPageUrl or prevPageUrl.');
    return pageAnswer(call, parsed.tree, parsed, readPaging(paging), get ? text : undefined);
  }
  const request: PageRequest = { pageSize: parsed.maxRecords ?? REST_PAGE_SIZE, position: { kind: 'first' } };
  return pageAnswer(call, parsed.tree, parsed, request, get ? text : undefined);
}

export function count(call: EntityCall): HttpAnswer {
  const parsed = readQuery(call, searchText(call, call.method === 'countGet'));
  return ok({ queryCount: runQuery(call.tenant, call.route.shape, parsed.tree, Number.MAX_SAFE_INTEGER).length });
}

/** A child route's records under its parent, or one of them: a query on the parent id field. */
function childTree(call: EntityCall, extra?: { id: number }): QueryTree {
  const { shape, child } = call.route;
  if (child === undefined) throw new RestRefusal('Not a child route.');
  const items: QueryTree['root']['items'] = [
    { kind: 'field', name: child.parentIdField, udf: false, expressions: [{ op: 'Equals', value: child.parentId }] },
  ];
  if (extra !== undefined) items.unshift({ kind: 'field', name: 'id', udf: false, expressions: [{ op: 'Equals', value: extra.id }] });
  return { entity: shape.meta.name, root: { kind: 'condition', operator: 'AND', items } };
}

export function list(call: EntityCall): HttpAnswer {
  const { shape, child } = call.route;
  const parentField = child === undefined ? undefined : shape.bySoapName.get(child.parentIdField);
  // The next pages go through the child's own collection, filtered on the parent, with GET.
  const search =
    parentField === undefined || child === undefined
      ? undefined
      : JSON.stringify({ filter: [{ op: 'eq', field: parentField.rest, value: child.parentId }] });
  const canGetQuery = shape.rest.collection?.methods.includes('queryGet') === true;
  return pageAnswer(
    call,
    childTree(call),
    { selection: undefined },
    { pageSize: REST_PAGE_SIZE, position: { kind: 'first' } },
    canGetQuery ? search : undefined,
  );
}

export function item(call: EntityCall): HttpAnswer {
  const { shape, tail, child } = call.route;
  if (tail.kind !== 'item') throw new RestRefusal('Not an item route.');
  const tree: QueryTree =
    child === undefined
      ? {
          entity: shape.meta.name,
          root: {
            kind: 'condition',
            operator: 'AND',
            items: [{ kind: 'field', name: 'id', udf: false, expressions: [{ op: 'Equals', value: tail.id }] }],
          },
        }
      : childTree(call, { id: tail.id });
  const record = runQuery(call.tenant, shape, tree, 1)[0];
  return ok({ item: record === undefined ? null : entityJson(shape, record, call.tenant.udfsOf(shape.meta.name)) });
}
