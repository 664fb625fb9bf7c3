/**
 * The writing routes: `POST` (create), `PATCH`, `PUT` of a collection or a child route, and
 * `DELETE {route}/{id}`. Each call writes one entity in a transaction of its own, and answers
 * `{"itemId": id}` with HTTP 200 (the create, PATCH and delete pages: "EXAMPLE "itemId": 4"; the
 * swagger's OperationResultModel) or `{"errors": [...]}` with 500 (the create page: "an error string
 * array"; "treat any response other than 200 as an error state").
 *
 * PATCH changes only the fields it carries; PUT clears the writable fields it does not carry
 * ("default to null") and keeps those REST cannot carry (a SOAP-only field); both take the id in
 * the body (the swagger has no `{id}` PUT or PATCH route). Through a child route the parent's id
 * comes from the URL: "perform all Create, Update, and Delete actions on the parent entity" (the
 * UDF page, entity URLs and relationships; the Postman collection's TicketNotes example).
 */
import type { FieldMeta } from 'atws/protocol';
import type { HttpAnswer } from '../../http/front.js';
import type { IncomingEntity } from '../../tenant/incoming-entity.js';
import type { WriteVerb } from '../../tenant/writes.js';
import { readEntityInput } from '../entity-input.js';
import { parseJson } from '../json-input.js';
import { ok, RestRefusal } from '../rest-answer.js';
import type { EntityCall } from '../rest-context.js';
import { tenantRefusal } from '../rest-entity-shape.js';
import { REST_READING } from '../rest-reading.js';

function write(call: EntityCall, verb: WriteVerb, entity: IncomingEntity, keepUncarried?: (field: FieldMeta) => boolean): HttpAnswer {
  const outcome = call.tenant.write({
    verb,
    schema: call.tenant.schema,
    caller: call.caller,
    entities: [entity],
    reading: REST_READING,
    transaction: 'each-record',
    ...(keepUncarried === undefined ? {} : { keepUncarried }),
  });
  const record = outcome.records[0];
  if (record === undefined || record.status !== 'saved') {
    throw tenantRefusal(call.route.shape, record?.status === 'refused' ? record.reason : `The ${call.route.shape.name} was not saved.`);
  }
  return ok({ itemId: record.answer.id });
}

/** The child route's parent: it must exist, and a body may name it only as the URL does. */
function parentOf(call: EntityCall, entity: IncomingEntity): IncomingEntity {
  const { child, shape } = call.route;
  if (child === undefined) return entity;
  if (!call.tenant.store.has(child.parent.name, child.parentId)) {
    throw new RestRefusal(`Unable to find the parent ${child.route.parentCollection} ${child.parentId} of this ${shape.name}.`);
  }
  const sent = entity.fields.get(child.parentIdField);
  const restName = shape.bySoapName.get(child.parentIdField)?.rest ?? child.parentIdField;
  // A body that names another parent than the URL is ambiguous (not documented: our choice).
  if (sent !== undefined && sent !== null && String(sent).trim() !== String(child.parentId)) {
    throw new RestRefusal(`The body's ${restName} ${String(sent)} is not the parent ${child.parentId} of the URL.`);
  }
  const fields = new Map(entity.fields);
  fields.set(child.parentIdField, child.parentId);
  return { ...entity, fields };
}

/** Through a child route, the record written must be one of the parent's children. */
function checkBelongs(call: EntityCall, id: number | string | undefined): void {
  const { child, shape } = call.route;
  if (child === undefined || id === undefined) return;
  const record = call.tenant.store.get(shape.meta.name, Number(id));
  if (record !== undefined && record.values[child.parentIdField] !== child.parentId) {
    throw new RestRefusal(`${shape.name} ${record.id} does not belong to ${child.route.parentCollection} ${child.parentId}.`);
  }
}

function body(call: EntityCall) {
  if (call.body.trim() === '') throw new RestRefusal(`The request has no body: send one ${call.route.shape.name} entity as JSON.`);
  return readEntityInput(call.route.shape, parseJson(call.body, 'request body'));
}

export function create(call: EntityCall): HttpAnswer {
  return write(call, 'create', parentOf(call, body(call).entity));
}

export function patch(call: EntityCall): HttpAnswer {
  const { entity } = body(call);
  checkBelongs(call, entity.id);
  return write(call, 'update', parentOf(call, entity), () => true);
}

export function put(call: EntityCall): HttpAnswer {
  const { entity } = body(call);
  checkBelongs(call, entity.id);
  const { shape } = call.route;
  // A field REST has no name for cannot be sent, so PUT cannot mean to clear it.
  return write(call, 'update', parentOf(call, entity), (field) => !shape.bySoapName.has(field.name));
}

export function remove(call: EntityCall): HttpAnswer {
  const { tail, shape } = call.route;
  if (tail.kind !== 'item') throw new RestRefusal('Not an item route.');
  checkBelongs(call, tail.id);
  return write(call, 'delete', { type: shape.meta.name, id: tail.id, fields: new Map(), udfs: new Map() });
}
