/**
 * A small Swagger 2.0 document in the shape of Autotask's REST swagger, built from a few lines:
 * models (with the SOAP entity their generic definitions name) and routes with their methods. The
 * REST model's unit tests derive from it where they need input they can bend, and the bad-input
 * tests write it where `atws codegen all` expects `rest/swagger.json`.
 */
import type { RestMethod } from 'atws/protocol';

export interface MiniModel {
  readonly name: string;
  /** The SOAP entity `QueryActionResult[<name>,<soap>]` names; no generic definitions when absent. */
  readonly soap?: string;
  /** Property -> `int32`, `int64`, `double`, `string`, `date-time`, `boolean`, `udfs` (userDefinedFields), `parent` (soapParentPropertyId). */
  readonly properties: Readonly<Record<string, string>>;
}

export interface MiniRoute {
  /** `Widgets` or `Gadgets/{parentId}/Widgets`. */
  readonly path: string;
  readonly model: string;
  readonly methods: readonly RestMethod[];
}

const SCHEMAS: Record<string, object> = {
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
  string: { type: 'string' },
  'date-time': { type: 'string', format: 'date-time' },
  boolean: { type: 'boolean' },
  udfs: { type: 'array', items: { $ref: '#/definitions/UserDefinedField' } },
  parent: { type: 'integer', format: 'int64', readOnly: true },
};

const ref = (name: string): object => ({ $ref: `#/definitions/${name}` });

export function miniSwagger(models: readonly MiniModel[], routes: readonly MiniRoute[]): object {
  const definitions: Record<string, object> = {
    QueryModel: { type: 'object', properties: {} },
    OperationResultModel: { type: 'object', properties: {} },
    QueryCountResultModel: { type: 'object', properties: {} },
    EntityInformationResultModel: { type: 'object', properties: {} },
    UserDefinedField: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
  };
  const resultOf = new Map<string, { list: string; item: string }>();
  for (const model of models) {
    definitions[model.name] = {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(model.properties).map(([name, type]) => {
          const schema = SCHEMAS[type];
          if (schema === undefined) throw new Error(`miniSwagger: no type ${type}`);
          return [name, schema];
        }),
      ),
    };
    const list = model.soap === undefined ? model.name : `QueryActionResult[${model.name},${model.soap}]`;
    const item = model.soap === undefined ? model.name : `ItemQueryResultModel[${model.name},${model.soap}]`;
    if (model.soap !== undefined) {
      definitions[list] = { type: 'object', properties: { items: { type: 'array', items: ref(model.name) } } };
      definitions[item] = { type: 'object', properties: { item: ref(model.name) } };
    }
    resultOf.set(model.name, { list, item });
  }
  const paths: Record<string, Record<string, object>> = {};
  const add = (path: string, method: string, operationId: string, extra: { body?: string; response: string }): void => {
    const parameters = extra.body === undefined ? [] : [{ name: 'body', in: 'body', required: true, schema: ref(extra.body) }];
    (paths[`/V1.0/${path}`] ??= {})[method] = {
      tags: [operationId.split('_')[0]],
      operationId,
      parameters,
      responses: { '200': { description: 'OK', schema: ref(extra.response) } },
    };
  };
  for (const route of routes) {
    const child = route.path.includes('{parentId}');
    const tag = `${route.path.replace('/{parentId}/', '')}${child ? 'Child' : ''}`;
    const result = resultOf.get(route.model);
    if (result === undefined) throw new Error(`miniSwagger: no model ${route.model}`);
    for (const method of route.methods) {
      switch (method) {
        case 'get':
          add(`${route.path}/{id}`, 'get', `${tag}_QueryItem`, { response: result.item });
          break;
        case 'queryGet':
          add(`${route.path}/query`, 'get', `${tag}_UrlParameterQuery`, { response: result.list });
          break;
        case 'queryPost':
          add(`${route.path}/query`, 'post', `${tag}_Query`, { body: 'QueryModel', response: result.list });
          break;
        case 'countGet':
          add(`${route.path}/query/count`, 'get', `${tag}_UrlParameterQueryCount`, { response: 'QueryCountResultModel' });
          break;
        case 'countPost':
          add(`${route.path}/query/count`, 'post', `${tag}_QueryCount`, { body: 'QueryModel', response: 'QueryCountResultModel' });
          break;
        case 'list':
          add(route.path, 'get', `${tag}_Query`, { response: result.list });
          break;
        case 'create':
          add(route.path, 'post', `${tag}_CreateEntity`, { body: route.model, response: 'OperationResultModel' });
          break;
        case 'patch':
          add(route.path, 'patch', `${tag}_PatchEntity`, { body: route.model, response: 'OperationResultModel' });
          break;
        case 'put':
          add(route.path, 'put', `${tag}_UpdateEntity`, { body: route.model, response: 'OperationResultModel' });
          break;
        case 'delete':
          add(`${route.path}/{id}`, 'delete', `${tag}_DeleteEntity`, { response: 'OperationResultModel' });
          break;
        case 'entityInformation':
          add(`${route.path}/entityInformation`, 'get', `${tag}_QueryEntityInformation`, { response: 'EntityInformationResultModel' });
          break;
        case 'entityInformationFields':
          add(`${route.path}/entityInformation/fields`, 'get', `${tag}_QueryFieldDefinitions`, { response: 'EntityInformationResultModel' });
          break;
        case 'entityInformationUdfs':
          add(`${route.path}/entityInformation/userDefinedFields`, 'get', `${tag}_QueryUserDefinedFieldDefinitions`, {
            response: 'EntityInformationResultModel',
          });
          break;
      }
    }
  }
  return { swagger: '2.0', info: { version: 'v1', title: 'mini' }, basePath: '/ATServicesRest', paths, definitions };
}

const ALL: readonly RestMethod[] = ['get', 'queryGet', 'queryPost', 'countGet', 'countPost', 'create', 'patch', 'put', 'delete'];

/**
 * A swagger for test/golden/codegen/input's Widget, Gadget and Sprocket: Widget is `WidgetThingModel`
 * (collection `WidgetThings`, all methods; child of Gadgets), Gadget has no DELETE, Sprocket has no
 * REST model.
 */
export function goldenMiniSwagger(): object {
  return miniSwagger(
    [
      {
        name: 'WidgetThingModel',
        soap: 'Widget',
        properties: {
          id: 'int64',
          title: 'string',
          status: 'int32',
          subStatus: 'int32',
          price: 'double',
          ratio: 'double',
          weight: 'double',
          count: 'int32',
          big: 'int64',
          isActive: 'boolean',
          createDate: 'date-time',
          gadgetID: 'int32',
          soapParentPropertyId: 'parent',
        },
      },
      { name: 'GadgetModel', soap: 'Gadget', properties: { id: 'int64', name: 'string', ownerID: 'int32' } },
    ],
    [
      { path: 'WidgetThings', model: 'WidgetThingModel', methods: ALL },
      { path: 'Gadgets/{parentId}/Widgets', model: 'WidgetThingModel', methods: ['list', 'get', 'create'] },
      { path: 'Gadgets', model: 'GadgetModel', methods: ['get', 'queryPost', 'create', 'patch'] },
    ],
  );
}
