/**
 * Reads the REST API's own description (Swagger 2.0, `../shared/atws/rest/swagger.json`) into the
 * little the REST model needs: every operation (method, path, operationId, the definition its body
 * and its 200 answer name) and every definition's properties with their types. Anything else in
 * the file is ignored; a value the model relies on that is missing or of another shape stops with
 * the file's name and the JSON path of the value.
 */
import { readFile } from 'node:fs/promises';
import type { RestFieldType } from 'atws/protocol';
import { asRecord, RecordError, str, type ApiRecord } from './api-records.js';
import { CodegenError } from './codegen-error.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface SwaggerOperation {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  /** The definition the body names (`restModelInput`, `queryModel`), if any. */
  readonly bodyRef?: string;
  /** The definition the 200 answer names, if any. */
  readonly responseRef?: string;
}

export interface SwaggerProperty {
  readonly type: RestFieldType;
  readonly readOnly: boolean;
}

export interface SwaggerDocument {
  readonly basePath: string;
  readonly pathCount: number;
  readonly operations: readonly SwaggerOperation[];
  /** Definition name -> its JSON (read by `definitionProperties` when the model needs it). */
  readonly definitions: ReadonlyMap<string, ApiRecord>;
}

const DEFINITION_PREFIX = '#/definitions/';

function refName(schema: unknown, path: string): string | undefined {
  if (schema === undefined) return undefined;
  const ref = asRecord(schema, path)['$ref'];
  if (ref === undefined) return undefined;
  if (typeof ref !== 'string' || !ref.startsWith(DEFINITION_PREFIX))
    throw new RecordError(`${path}.$ref`, `expected "${DEFINITION_PREFIX}<name>", got ${JSON.stringify(ref)}`);
  return ref.slice(DEFINITION_PREFIX.length);
}

/** The REST type of a property: its `format` where it has one, else its `type`; `object` for a `$ref`. */
function propertyType(p: ApiRecord, path: string): SwaggerProperty {
  const readOnly = p['readOnly'] === true;
  if (p['$ref'] !== undefined) {
    refName(p, path);
    return { type: 'object', readOnly };
  }
  const type = str(p, 'type', path);
  const format = p['format'];
  const key = `${type}/${typeof format === 'string' ? format : ''}`;
  const known: Record<string, RestFieldType> = {
    'integer/int32': 'int32',
    'integer/int64': 'int64',
    'number/double': 'double',
    'string/': 'string',
    'string/date-time': 'date-time',
    'string/byte': 'byte',
    'boolean/': 'boolean',
    'array/': 'array',
    'object/': 'object',
  };
  const found = known[key];
  if (found === undefined)
    throw new RecordError(
      path,
      `type "${type}"${typeof format === 'string' ? ` format "${format}"` : ''} is not one the REST model knows (${Object.keys(known).join(', ')})`,
    );
  return { type: found, readOnly };
}

export function swaggerFromJson(json: unknown): SwaggerDocument {
  const root = asRecord(json, '$');
  if (root['swagger'] !== '2.0') throw new RecordError('$.swagger', `expected "2.0", got ${JSON.stringify(root['swagger'])}`);
  const basePath = str(root, 'basePath', '$');
  const paths = asRecord(root['paths'], '$.paths');
  const operations: SwaggerOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = asRecord(rawItem, `$.paths["${path}"]`);
    for (const method of HTTP_METHODS) {
      if (item[method] === undefined) continue;
      const at = `$.paths["${path}"].${method}`;
      const op = asRecord(item[method], at);
      const operationId = str(op, 'operationId', at);
      const parameters = op['parameters'] === undefined ? [] : op['parameters'];
      if (!Array.isArray(parameters)) throw new RecordError(`${at}.parameters`, 'expected an array');
      let bodyRef: string | undefined;
      parameters.forEach((raw, i) => {
        const p = asRecord(raw, `${at}.parameters[${i}]`);
        if (p['in'] === 'body') bodyRef = refName(p['schema'], `${at}.parameters[${i}].schema`);
      });
      const ok = asRecord(op['responses'], `${at}.responses`)['200'];
      const responseRef = ok === undefined ? undefined : refName(asRecord(ok, `${at}.responses.200`)['schema'], `${at}.responses.200.schema`);
      operations.push({
        method,
        path,
        operationId,
        ...(bodyRef === undefined ? {} : { bodyRef }),
        ...(responseRef === undefined ? {} : { responseRef }),
      });
    }
  }
  const definitions = new Map<string, ApiRecord>();
  for (const [name, raw] of Object.entries(asRecord(root['definitions'], '$.definitions'))) {
    definitions.set(name, asRecord(raw, `$.definitions["${name}"]`));
  }
  return { basePath, pathCount: Object.keys(paths).length, operations, definitions };
}

/** A definition's properties, in the file's order (throws `RecordError` on a type the model does not know). */
export function definitionProperties(doc: SwaggerDocument, name: string): ReadonlyMap<string, SwaggerProperty> {
  const at = `$.definitions["${name}"]`;
  const def = doc.definitions.get(name);
  if (def === undefined) throw new RecordError(at, 'is named but not defined');
  const properties = new Map<string, SwaggerProperty>();
  if (def['properties'] !== undefined) {
    for (const [prop, raw] of Object.entries(asRecord(def['properties'], `${at}.properties`))) {
      properties.set(prop, propertyType(asRecord(raw, `${at}.properties.${prop}`), `${at}.properties.${prop}`));
    }
  }
  return properties;
}

export async function readSwaggerFile(file: string): Promise<SwaggerDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CodegenError(file, `cannot read: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CodegenError(file, `not JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  try {
    return swaggerFromJson(json);
  } catch (error) {
    if (error instanceof RecordError) throw new CodegenError(file, error.message, { cause: error });
    throw error;
  }
}
