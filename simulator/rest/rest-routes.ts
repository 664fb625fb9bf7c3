/**
 * Which REST route a request names, by path and method, exactly where the swagger has it (the
 * derived REST model lists each route's methods). Paths are matched without regard to case, and
 * empty segments (a doubled or trailing slash) are skipped: production takes `atservicesrest/v1.0`
 * and `ATServicesRest/V1.0`, `Tickets/` and `ATServicesRest//V1.0/TicketAttachments//query`
 * (the Postman collection, KelvinTegelaar/AutotaskAPI issue #29, n8n-nodes-autotask).
 *
 * As ASP.NET Web API's routing answers: a URL that no route template matches is 404 (`POST
 * /V1.0/Tasks`, a collection created only through `/Projects/{id}/Tasks`: WYRE-AI/autotask-mcp
 * issue #47; `GET /V1.0/Contacts`, Anteris-Dev/autotask-client issue #12); a URL whose template
 * exists without that method is 405 (`GET /V1.0/Resources`, whose root takes PATCH and PUT:
 * WYRE-AI/autotask-mcp issue #9).
 */
import type { EntityMeta, RestChildRoute, RestMethod } from 'atws/protocol';
import { restAttachmentParent, restEntityByChildRoute, restEntityByCollection } from 'atws/protocol';
import { restModel } from 'atws/rest-model';
import type { HttpAnswer } from '../http/front.js';
import type { Tenant } from '../tenant/tenant.js';
import { methodNotAllowed, notFound } from './rest-answer.js';
import { restEntityShape, type RestEntityShape } from './rest-entity-shape.js';

/** The base path every REST URL starts with, as the zone information's `url` spells it. */
export const REST_BASE_PATH = '/ATServicesRest/';

/** Where under a collection or child route a request goes. */
export type EntityTail =
  | { readonly kind: 'root' }
  | { readonly kind: 'item'; readonly id: number }
  | { readonly kind: 'query' }
  | { readonly kind: 'count' }
  | { readonly kind: 'next' }
  | { readonly kind: 'entityInformation' }
  | { readonly kind: 'fields' }
  | { readonly kind: 'userDefinedFields' };

/** An entity route: a top-level collection, or a child route under a parent's id. */
export interface EntityRoute {
  readonly shape: RestEntityShape;
  /** Set for `/V1.0/{Parent}/{parentId}/{Child}...`. */
  readonly child?: { readonly route: RestChildRoute; readonly parent: EntityMeta; readonly parentId: number; readonly parentIdField: string };
  readonly tail: EntityTail;
}

export type RestTarget =
  | { readonly kind: 'zoneInformation' }
  | { readonly kind: 'versionInformation' }
  | { readonly kind: 'thresholdInformation' }
  | { readonly kind: 'invoiceMarkup'; readonly invoiceId: number; readonly format: 'HTML' | 'XML' }
  | { readonly kind: 'entity'; readonly route: EntityRoute; readonly method: RestMethod }
  | { readonly kind: 'attachment'; readonly route: AttachmentRoute };

/** What an attachment route does: the four methods the swagger gives every parent's `Attachments`. */
export type AttachmentMethod = 'list' | 'create' | 'get' | 'delete';

/** `/V1.0/{Parent}/{parentId}/Attachments[/{id}]` (runtime/protocol/rest/rest-attachments.ts). */
export interface AttachmentRoute {
  /** The parent's collection as the swagger spells it (`Tickets`). */
  readonly parentCollection: string;
  readonly parentId: number;
  readonly method: AttachmentMethod;
  /** Set for `get` and `delete`. */
  readonly attachmentId?: number;
}

export type Resolution = { readonly target: RestTarget } | { readonly answer: HttpAnswer };

const ID = /^\d{1,15}$/;

function tailOf(segments: readonly string[]): EntityTail | undefined {
  const [first, second, ...rest] = segments.map((s) => s.toLowerCase());
  if (rest.length > 0) return undefined;
  if (first === undefined) return { kind: 'root' };
  if (first === 'query')
    return second === undefined ? { kind: 'query' } : second === 'count' ? { kind: 'count' } : second === 'next' ? { kind: 'next' } : undefined;
  if (first === 'entityinformation')
    return second === undefined
      ? { kind: 'entityInformation' }
      : second === 'fields'
        ? { kind: 'fields' }
        : second === 'userdefinedfields'
          ? { kind: 'userDefinedFields' }
          : undefined;
  if (second === undefined && ID.test(first)) return { kind: 'item', id: Number(first) };
  return undefined;
}

/** The route methods each HTTP method of a tail may be, top-level and child. */
function methodsOf(tail: EntityTail, child: boolean): Readonly<Record<string, RestMethod>> {
  switch (tail.kind) {
    case 'root':
      return child ? { GET: 'list', POST: 'create', PATCH: 'patch', PUT: 'put' } : { POST: 'create', PATCH: 'patch', PUT: 'put' };
    case 'item':
      return { GET: 'get', DELETE: 'delete' };
    case 'query':
    case 'next':
      return child ? {} : { GET: 'queryGet', POST: 'queryPost' };
    case 'count':
      return child ? {} : { GET: 'countGet', POST: 'countPost' };
    case 'entityInformation':
      return { GET: 'entityInformation' };
    case 'fields':
      return { GET: 'entityInformationFields' };
    case 'userDefinedFields':
      return { GET: 'entityInformationUdfs' };
  }
}

function entityTarget(
  method: string,
  uri: string,
  route: Omit<EntityRoute, 'tail'>,
  routeMethods: readonly RestMethod[],
  tail: EntityTail,
  hasSearch: boolean,
): Resolution {
  const candidates = methodsOf(tail, route.child !== undefined);
  const allowed = Object.entries(candidates).filter(([, m]) => routeMethods.includes(m));
  if (allowed.length === 0) return { answer: notFound(uri, `The ${route.shape.name} route has no ${tail.kind} URL.`) };
  let verbs = allowed.map(([verb]) => verb);
  // query/next takes GET only with the search it repeats (a GET query's next page); production
  // answers GET of a POST query's nextPageUrl 405 (WYRE-AI/autotask-mcp pull request #170).
  if (tail.kind === 'next' && !hasSearch) verbs = verbs.filter((verb) => verb !== 'GET');
  const found = allowed.find(([verb]) => verb === method);
  if (found === undefined || !verbs.includes(method)) return { answer: methodNotAllowed(method, verbs) };
  return { target: { kind: 'entity', route: { ...route, tail }, method: found[1] } };
}

/** An attachment route's target; undefined when the path goes on past `Attachments[/{id}]`. */
function attachmentTarget(method: string, parentCollection: string, parentId: number, tail: readonly string[]): Resolution | undefined {
  const [idText, ...more] = tail;
  if (more.length > 0 || (idText !== undefined && !ID.test(idText))) return undefined;
  const verbs: Readonly<Record<string, AttachmentMethod>> = idText === undefined ? { GET: 'list', POST: 'create' } : { GET: 'get', DELETE: 'delete' };
  const found = Object.hasOwn(verbs, method) ? verbs[method] : undefined;
  if (found === undefined) return { answer: methodNotAllowed(method, Object.keys(verbs)) };
  return {
    target: {
      kind: 'attachment',
      route: { parentCollection, parentId, method: found, ...(idText === undefined ? {} : { attachmentId: Number(idText) }) },
    },
  };
}

/** The entity of the tenant's schema by its SOAP name; undefined when the tenant has none. */
function tenantEntity(tenant: Tenant, name: string): EntityMeta | undefined {
  return Object.hasOwn(tenant.schema.entities, name) ? tenant.schema.entities[name] : undefined;
}

/**
 * Resolves a request under the REST base path; `segments` are the decoded path segments after
 * `/ATServicesRest` (empty ones dropped).
 */
export function resolveRestRoute(tenant: Tenant, method: string, uri: string, segments: readonly string[], hasSearch: boolean): Resolution {
  const lower = segments.map((s) => s.toLowerCase());
  const only = (kind: 'zoneInformation' | 'versionInformation' | 'thresholdInformation'): Resolution =>
    method === 'GET' ? { target: { kind } } : { answer: methodNotAllowed(method, ['GET']) };
  if (lower.length === 1 && lower[0] === 'versioninformation') return only('versionInformation');
  if (lower[0] !== 'v1.0') return { answer: notFound(uri, 'REST API v1.0 lives under /ATServicesRest/V1.0/.') };
  if (lower.length === 2 && lower[1] === 'zoneinformation') return only('zoneInformation');
  if (lower.length === 2 && lower[1] === 'thresholdinformation') return only('thresholdInformation');
  // `GET /V1.0/Invoices/{id}/InvoiceMarkupHtml|InvoiceMarkupXml` (the swagger's InvoiceMarkupResultModel): SOAP's GetInvoiceMarkup.
  const markup =
    lower.length === 4 && lower[1] === 'invoices' && ID.test(lower[2] as string)
      ? { invoicemarkuphtml: 'HTML', invoicemarkupxml: 'XML' }[lower[3] as string]
      : undefined;
  if (markup === 'HTML' || markup === 'XML') {
    return method === 'GET'
      ? { target: { kind: 'invoiceMarkup', invoiceId: Number(lower[2]), format: markup } }
      : { answer: methodNotAllowed(method, ['GET']) };
  }
  const collection = segments[1];
  if (collection === undefined) return { answer: notFound(uri, 'No collection named.') };
  const rest = segments.slice(2);
  const top = restEntityByCollection(restModel, collection);
  const topTail = top === undefined ? undefined : tailOf(rest);
  if (top !== undefined && topTail !== undefined && top.collection !== undefined) {
    const meta = tenantEntity(tenant, top.entity);
    if (meta === undefined) return { answer: notFound(uri, `The simulated tenant has no ${top.entity} entity behind ${top.collection.name}.`) };
    return entityTarget(method, uri, { shape: restEntityShape(top, meta) }, top.collection.methods, topTail, hasSearch);
  }
  const [parentIdText, childName, ...childRest] = rest;
  const attachmentParent = restAttachmentParent(collection);
  if (attachmentParent !== undefined && parentIdText !== undefined && ID.test(parentIdText) && childName?.toLowerCase() === 'attachments') {
    const attachment = attachmentTarget(method, attachmentParent, Number(parentIdText), childRest);
    if (attachment !== undefined) return attachment;
  }
  if (parentIdText !== undefined && childName !== undefined && ID.test(parentIdText)) {
    const found = restEntityByChildRoute(restModel, collection, childName);
    const childTail = found === undefined ? undefined : tailOf(childRest);
    if (found !== undefined && childTail !== undefined) {
      const { entity, route } = found;
      const meta = tenantEntity(tenant, entity.entity);
      const parent = route.parent === undefined ? undefined : tenantEntity(tenant, route.parent);
      if (meta === undefined || parent === undefined || route.parentIdField === undefined) {
        return { answer: notFound(uri, `The simulated tenant does not serve ${route.parentCollection}/{parentId}/${route.name}.`) };
      }
      const child = { route, parent, parentId: Number(parentIdText), parentIdField: route.parentIdField };
      return entityTarget(method, uri, { shape: restEntityShape(entity, meta), child }, route.methods, childTail, hasSearch);
    }
  }
  if (top === undefined && (childName === undefined || restEntityByChildRoute(restModel, collection, childName) === undefined)) {
    return { answer: notFound(uri, `No type was found that matches the controller named '${collection}'.`) };
  }
  return { answer: notFound(uri, `No route of ${collection} matches ${segments.slice(1).join('/')}.`) };
}
