/**
 * Entities between REST's JSON and the client: an item of an answer read as a `WireEntity` under
 * the SOAP names of the generated classes (REST-only properties kept under their REST name, as
 * SOAP keeps fields the metadata does not know; `userDefinedFields` as the UDFs), and an outgoing
 * entity written as the JSON body of a POST or PATCH under the REST names.
 */
import { UsageError } from '../../protocol/errors.js';
import type { FieldValue } from '../../protocol/metadata.js';
import type { RestEntity } from '../../protocol/rest/rest-model.js';
import { ApiError } from '../transport/api-error.js';
import type { OutgoingEntity, WireEntity } from '../transport/wire-entity.js';
import type { RestRoutes } from './rest-routes.js';
import { restJsonValue } from './rest-values.js';

/** Properties of an item that are no fields. */
const NOT_FIELDS = new Set(['id', 'userDefinedFields', 'soapParentPropertyId']);

function udfsOf(item: Record<string, unknown>, entity: string): Array<readonly [string, string | null]> {
  const list = item['userDefinedFields'];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list))
    throw new ApiError(`the REST answer's ${entity} has userDefinedFields that is no array`, { operation: 'decode', messages: [] });
  return list.map((udf: unknown) => {
    const { name, value } = (udf ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string')
      throw new ApiError(`the REST answer's ${entity} has a user-defined field without a name`, { operation: 'decode', messages: [] });
    return [name, value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value)] as const;
  });
}

/** An answer's item as the wire entity of SOAP entity `rest.entity`; null values are absent fields. */
export function readItem(item: unknown, rest: RestEntity, soapNames: ReadonlyMap<string, string>): WireEntity<unknown> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new ApiError(`the REST answer holds a ${rest.entity} that is no object`, { operation: 'decode', messages: [] });
  }
  const record = item as Record<string, unknown>;
  const id = record['id'];
  if (id !== undefined && id !== null && !(typeof id === 'number' && Number.isSafeInteger(id))) {
    throw new ApiError(`the REST answer holds a ${rest.entity} whose id is ${JSON.stringify(id)}`, { operation: 'decode', messages: [] });
  }
  const fields: Array<readonly [string, unknown]> = [];
  for (const name in record) {
    const value = record[name];
    if (value === null || value === undefined || NOT_FIELDS.has(name)) continue;
    fields.push([soapNames.get(name) ?? name, value]);
  }
  return { type: rest.entity, id: typeof id === 'number' ? id : undefined, fields, udfs: udfsOf(record, rest.entity) };
}

/**
 * The JSON body of a create (no id) or PATCH (with id) of an outgoing entity: its values and the
 * fields it clears (null) under their REST names, and its UDFs as `userDefinedFields`. Fields the
 * metadata does not know are not sent: over REST they are REST's own names, read only.
 */
export function entityBody(entity: OutgoingEntity, rest: RestEntity, routes: RestRoutes, action: string): string {
  const parts: string[] = [];
  if (entity.id !== undefined) parts.push(`"id":${entity.id}`);
  const where = (name: string): string => `${action} ${rest.entity}.${name}`;
  for (const [name, value] of Object.entries(entity.values)) {
    const field = routes.field(rest, name, action);
    parts.push(`${JSON.stringify(field.rest)}:${restJsonValue(value as FieldValue, field.type, where(name))}`);
  }
  for (const name of entity.nil) {
    if (!Object.hasOwn(entity.meta.fields, name)) continue;
    parts.push(`${JSON.stringify(routes.field(rest, name, action).rest)}:null`);
  }
  const udfs = [...entity.udfs];
  if (udfs.length > 0) {
    if (!rest.userDefinedFields)
      throw new UsageError(
        `${action}: the REST API's ${rest.model} carries no user-defined fields, yet the ${rest.entity} holds ${udfs.map(([n]) => n).join(', ')}`,
      );
    parts.push(`"userDefinedFields":${JSON.stringify(udfs.map(([name, value]) => ({ name, value })))}`);
  }
  return `{${parts.join(',')}}`;
}
