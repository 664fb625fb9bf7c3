/**
 * Sorts the swagger's operations into entity routes: a top-level collection `/V1.0/<Name>` or a
 * child route `/V1.0/<Parent>/{parentId}/<Name>`, each with the methods it answers and the REST
 * model it carries. An operation counts as a method only when its path shape, HTTP method and
 * operationId agree (Autotask's "Finding resource and child access URLs" page lists the shapes);
 * everything else (`/V1.0/Authenticate`, `/V1.0/Companies/{id}/invoiceSettings`, ...) and every
 * route that names no model (`/V1.0/InventoryStockedItemsAdd/entityInformation` alone) is kept as
 * "other" text, so that nothing of the swagger is silently dropped.
 */
import { REST_METHODS, type RestMethod } from 'atws/protocol';
import { RecordError } from './api-records.js';
import type { HttpMethod, SwaggerDocument, SwaggerOperation } from './rest-swagger.js';

export const VERSION_SEGMENT = 'V1.0';

export interface EntityRoute {
  /** The top-level collection, or the child route's parent collection. */
  readonly collection: string;
  /** The child route's segment after `{parentId}`; absent for a top-level collection. */
  readonly child?: string;
  readonly model: string;
  /** In `REST_METHODS` order. */
  readonly methods: readonly RestMethod[];
}

export interface RouteTable {
  readonly routes: readonly EntityRoute[];
  /** `METHOD path` of every operation that is no method of an entity route, sorted. */
  readonly other: readonly string[];
}

type Shape = 'top' | 'child';
interface MethodRule {
  readonly shape: Shape;
  readonly http: HttpMethod;
  readonly suffix: string;
  readonly operation: string;
  readonly method: RestMethod;
  /** Where the operation names its model. */
  readonly model: 'body' | 'response' | 'none';
}

const ENTITY_INFORMATION: readonly MethodRule[] = (['top', 'child'] as const).flatMap((shape) => [
  { shape, http: 'get', suffix: '/entityInformation', operation: 'QueryEntityInformation', method: 'entityInformation', model: 'none' },
  { shape, http: 'get', suffix: '/entityInformation/fields', operation: 'QueryFieldDefinitions', method: 'entityInformationFields', model: 'none' },
  {
    shape,
    http: 'get',
    suffix: '/entityInformation/userDefinedFields',
    operation: 'QueryUserDefinedFieldDefinitions',
    method: 'entityInformationUdfs',
    model: 'none',
  },
]);

const RULES: readonly MethodRule[] = [
  { shape: 'top', http: 'get', suffix: '/{id}', operation: 'QueryItem', method: 'get', model: 'response' },
  { shape: 'top', http: 'get', suffix: '/query', operation: 'UrlParameterQuery', method: 'queryGet', model: 'response' },
  { shape: 'top', http: 'post', suffix: '/query', operation: 'Query', method: 'queryPost', model: 'response' },
  { shape: 'top', http: 'get', suffix: '/query/count', operation: 'UrlParameterQueryCount', method: 'countGet', model: 'none' },
  { shape: 'top', http: 'post', suffix: '/query/count', operation: 'QueryCount', method: 'countPost', model: 'none' },
  { shape: 'top', http: 'post', suffix: '', operation: 'CreateEntity', method: 'create', model: 'body' },
  { shape: 'top', http: 'patch', suffix: '', operation: 'PatchEntity', method: 'patch', model: 'body' },
  { shape: 'top', http: 'put', suffix: '', operation: 'UpdateEntity', method: 'put', model: 'body' },
  { shape: 'top', http: 'delete', suffix: '/{id}', operation: 'DeleteEntity', method: 'delete', model: 'none' },
  { shape: 'child', http: 'get', suffix: '', operation: 'Query', method: 'list', model: 'response' },
  { shape: 'child', http: 'get', suffix: '/{id}', operation: 'QueryItem', method: 'get', model: 'response' },
  { shape: 'child', http: 'post', suffix: '', operation: 'CreateEntity', method: 'create', model: 'body' },
  { shape: 'child', http: 'patch', suffix: '', operation: 'PatchEntity', method: 'patch', model: 'body' },
  { shape: 'child', http: 'put', suffix: '', operation: 'UpdateEntity', method: 'put', model: 'body' },
  { shape: 'child', http: 'delete', suffix: '/{id}', operation: 'DeleteEntity', method: 'delete', model: 'none' },
  ...ENTITY_INFORMATION,
];

const NAME = '[A-Za-z][A-Za-z0-9]*';
const TOP = new RegExp(`^/${VERSION_SEGMENT.replace('.', '\\.')}/(${NAME})(/.*)?$`);
const CHILD = new RegExp(`^/${VERSION_SEGMENT.replace('.', '\\.')}/(${NAME})/\\{parentId\\}/(${NAME})(/.*)?$`);

/** The generic answers whose first argument is the model (`QueryActionResult[CompanyModel,Account]`). */
const GENERIC_RESULT = /^(?:QueryActionResult|ItemQueryResultModel)\[(\w+),(\w+)\]$/;

/** The model an operation carries, per its rule: the body's definition or the answer's. */
function modelOf(op: SwaggerOperation, rule: MethodRule): string | undefined {
  if (rule.model === 'body') return op.bodyRef;
  if (rule.model === 'none' || op.responseRef === undefined) return undefined;
  return GENERIC_RESULT.exec(op.responseRef)?.[1] ?? op.responseRef;
}

export function entityRoutes(doc: SwaggerDocument): RouteTable {
  const byKey = new Map<string, { collection: string; child?: string; models: Set<string>; methods: Set<RestMethod>; ops: string[] }>();
  const other: string[] = [];
  for (const op of doc.operations) {
    const text = `${op.method.toUpperCase()} ${op.path}`;
    const child = CHILD.exec(op.path);
    const top = child === null ? TOP.exec(op.path) : null;
    const shape: Shape | undefined = child !== null ? 'child' : top !== null ? 'top' : undefined;
    const suffix = (child !== null ? child[3] : top?.[2]) ?? '';
    const operation = op.operationId.slice(op.operationId.indexOf('_') + 1);
    const rule = RULES.find((r) => r.shape === shape && r.http === op.method && r.suffix === suffix && r.operation === operation);
    if (rule === undefined) {
      other.push(text);
      continue;
    }
    const collection = (child ?? top)?.[1] as string;
    const childName = child?.[2];
    const key = childName === undefined ? collection : `${collection}/{parentId}/${childName}`;
    let route = byKey.get(key);
    if (route === undefined) {
      route = { collection, ...(childName === undefined ? {} : { child: childName }), models: new Set(), methods: new Set(), ops: [] };
      byKey.set(key, route);
    }
    if (route.methods.has(rule.method))
      throw new RecordError(`$.paths["${op.path}"].${op.method}`, `a second "${rule.method}" of /${VERSION_SEGMENT}/${key}`);
    route.methods.add(rule.method);
    route.ops.push(text);
    const model = modelOf(op, rule);
    if (model !== undefined) route.models.add(model);
  }
  const routes: EntityRoute[] = [];
  for (const [key, route] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (route.models.size === 0) {
      other.push(...route.ops);
      continue;
    }
    if (route.models.size > 1)
      throw new RecordError('$.paths', `/${VERSION_SEGMENT}/${key} carries more than one model: ${[...route.models].sort().join(', ')}`);
    routes.push({
      collection: route.collection,
      ...(route.child === undefined ? {} : { child: route.child }),
      model: [...route.models][0] as string,
      methods: REST_METHODS.filter((m) => route.methods.has(m)),
    });
  }
  return { routes, other: other.sort() };
}

/**
 * The SOAP entity each REST model stands for, from the swagger's generic definition names:
 * `QueryActionResult[CompanyModel,Account]` pairs CompanyModel with Account (an
 * `ItemQueryResultModel[...]` must agree). Model -> the SOAP name and the definition that says so
 * (the `QueryActionResult` one where there is one).
 */
export function genericPairs(doc: SwaggerDocument): ReadonlyMap<string, { readonly soap: string; readonly definition: string }> {
  const pairs = new Map<string, { soap: string; definition: string }>();
  const modelOfSoap = new Map<string, string>();
  const names = [...doc.definitions.keys()].filter((n) => GENERIC_RESULT.test(n));
  // QueryActionResult[...] before ItemQueryResultModel[...], so that it is the one recorded.
  names.sort((a, b) => Number(b.startsWith('QueryActionResult[')) - Number(a.startsWith('QueryActionResult[')) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const [, model, soap] = GENERIC_RESULT.exec(name) as unknown as [string, string, string];
    const known = pairs.get(model);
    if (known !== undefined && known.soap !== soap)
      throw new RecordError(`$.definitions["${name}"]`, `pairs ${model} with ${soap}, ${known.definition} with ${known.soap}`);
    const other = modelOfSoap.get(soap);
    if (other !== undefined && other !== model)
      throw new RecordError(`$.definitions["${name}"]`, `pairs ${soap} with ${model}, another definition with ${other}`);
    if (known === undefined) pairs.set(model, { soap, definition: name });
    modelOfSoap.set(soap, model);
  }
  return new Map([...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
