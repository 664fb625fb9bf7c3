/**
 * A POST, PATCH or PUT body as the entity the tenant writes: one JSON object ("one entity per
 * call": the swagger's bodies are single models, no batch route exists), its keys REST field names
 * in any case (the Postman collection sends `Name`, `IsActive`, `TicketID`), mapped to the SOAP
 * fields the store keeps; `userDefinedFields: [{name, value}]` as the UDFs (the PATCH page; UDFs
 * must be in that array, not flat on the object: msoukhomlinov/n8n-nodes-autotask CHANGELOG).
 *
 * Values keep their JSON type, which the tenant checks against the field's: numbers for numbers and
 * picklists, true/false for booleans; text for a number or boolean is read as its value, as
 * Json.NET coerces it (the Postman collection's `"id": "0"`, `"IsActive": "True"`); date-time
 * text as UTC (rest-reading.ts). `true` for an integer field is refused with Json.NET's words
 * ("Unexpected character encountered while parsing value: t", seen from production for Contact
 * `isActive`: msoukhomlinov/n8n-nodes-autotask CHANGELOG), unless the REST model types that field
 * boolean where SOAP has an integer (`ContractRetainer.isPaid`).
 */
import type { FieldMeta, FieldValue } from 'atws/protocol';
import type { IncomingEntity } from '../tenant/incoming-entity.js';
import { isJsonObject, member, ownEntries, shown, type JsonObject, type JsonValue } from './json-input.js';
import { RestRefusal } from './rest-answer.js';
import { restField, unkeptFieldMessage, unknownFieldMessage, type RestEntityShape, type RestFieldShape } from './rest-entity-shape.js';

/** What a body carried: the entity for the tenant, and which SOAP fields it named (for PUT). */
export interface EntityInput {
  readonly entity: IncomingEntity;
  /** The REST fields the body named, by SOAP field name. */
  readonly carried: ReadonlySet<string>;
}

const INTEGER_TYPES = new Set(['integer', 'long', 'short']);

function fieldValue(shape: RestEntityShape, field: RestFieldShape, soap: FieldMeta, value: JsonValue): FieldValue | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RestRefusal(`The value of ${field.rest} is not a finite number.`);
    if (soap.type === 'string') return String(value);
    if (soap.type === 'boolean' && field.type !== 'boolean') return value !== 0;
    return value;
  }
  if (typeof value === 'boolean') {
    if (soap.type === 'boolean' || soap.type === 'string') return soap.type === 'string' ? String(value) : value;
    if (field.type === 'boolean' && INTEGER_TYPES.has(soap.type)) return value ? 1 : 0;
    throw new RestRefusal(`Unexpected character encountered while parsing value: ${String(value)[0]}. Path '${field.rest}'.`);
  }
  throw new RestRefusal(`The value of ${field.rest} in the ${shape.name} Entity must be a single value, not ${shown(value)}.`);
}

function udfValue(value: JsonValue | undefined, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RestRefusal(`The value of the user-defined field "${name}" must be text, not ${shown(value)}.`);
}

function readUdfs(shape: RestEntityShape, list: JsonValue): Map<string, string | null> {
  if (!shape.rest.userDefinedFields) throw new RestRefusal(`The ${shape.name} Entity has no user-defined fields.`);
  if (!Array.isArray(list)) throw new RestRefusal('userDefinedFields must be an array of {"name": ..., "value": ...} objects.');
  const udfs = new Map<string, string | null>();
  for (const item of list) {
    if (!isJsonObject(item)) throw new RestRefusal(`Each of userDefinedFields must be a {"name": ..., "value": ...} object, not ${shown(item)}.`);
    const name = member(item, 'name', 'user-defined field');
    if (typeof name !== 'string' || name.trim() === '') throw new RestRefusal(`A user-defined field has no name: ${shown(item)}.`);
    if (udfs.has(name)) throw new RestRefusal(`The user-defined field "${name}" is given twice.`);
    udfs.set(name, udfValue(member(item, 'value', 'user-defined field'), name));
  }
  return udfs;
}

/** Reads the body of a create, PATCH or PUT of `shape`'s entity; throws a {@link RestRefusal}. */
export function readEntityInput(shape: RestEntityShape, body: JsonValue): EntityInput {
  if (Array.isArray(body)) {
    throw new RestRefusal(`The body holds ${body.length} entities; the REST API takes one ${shape.name} entity per call.`);
  }
  if (!isJsonObject(body)) throw new RestRefusal(`The body must be one ${shape.name} entity as a JSON object, not ${shown(body)}.`);
  const fields = new Map<string, FieldValue | null>();
  const carried = new Set<string>();
  let id: number | string | undefined;
  let udfs: Map<string, string | null> = new Map();
  const named = new Set<string>();
  for (const [key, value] of ownEntries(body as JsonObject)) {
    const lower = key.toLowerCase();
    if (named.has(lower)) throw new RestRefusal(`The body names ${key} twice (field names are not case sensitive).`);
    named.add(lower);
    if (lower === 'userdefinedfields') {
      udfs = readUdfs(shape, value);
      continue;
    }
    // Read-only, and only the REST server's handle on the SOAP parent: nothing to write (codegen/README.md).
    if (lower === 'soapparentpropertyid') continue;
    const field = restField(shape, key);
    if (field === undefined) throw new RestRefusal(unknownFieldMessage(shape, key));
    if (field.rest === 'id') {
      if (value !== null && typeof value !== 'number' && typeof value !== 'string')
        throw new RestRefusal(`The id must be a number, not ${shown(value)}.`);
      id = value ?? undefined;
      continue;
    }
    if (field.soap === undefined) {
      if (value === null) continue;
      throw new RestRefusal(unkeptFieldMessage(shape, field));
    }
    fields.set(field.soap.name, fieldValue(shape, field, field.soap, value));
    carried.add(field.soap.name);
  }
  return { entity: { type: shape.meta.name, id, fields, udfs }, carried };
}
