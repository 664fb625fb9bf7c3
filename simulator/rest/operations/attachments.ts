/**
 * The attachment routes, `/V1.0/{Parent}/{parentId}/Attachments[/{id}]`, over the tenant's one
 * attachment store (tenant/attachments.ts: what the SOAP front's CreateAttachment stores, this reads,
 * and back; the upload budget is the same).
 *
 * - `POST` creates: the body is the attachment (`{"id": 0, "attachmentType": "FILE_ATTACHMENT",
 *   "fullPath", "title", "publish", "data": "<base64>"}`, the Postman collection), its parent only in
 *   the URL; answers `{"itemId": n}`.
 * - `GET .../{id}` answers `{"items": [{..., "data": "<base64>"}]}`: the one route that answers the
 *   bytes, as a list (apigrate/autotask-restapi, msoukhomlinov/n8n-nodes-autotask read `items[0]`).
 *   An id that is not an attachment of that parent answers `{"items": []}` (not documented: our choice).
 * - `GET` of the route lists the parent's attachments, `data` null ("Other approaches yield `null` for
 *   the `data` property": apigrate/autotask-restapi).
 * - `DELETE .../{id}` answers `{"itemId": id}`; an id that is not an attachment of that parent is
 *   refused with production's words for a delete that found nothing (django-autotask).
 *
 * An attachment's item is the AttachmentInfo as REST's AttachmentInfoModel names it, plus `data`.
 * The parent is the ParentType whose picklist label is the parent collection's SOAP entity.
 */
import type { EntityMeta } from 'atws/protocol';
import { restEntityByCollection } from 'atws/protocol';
import { restModel } from 'atws/rest-model';
import type { HttpAnswer } from '../../http/front.js';
import type { StoredEntity } from '../../tenant/store.js';
import { entityJson } from '../entity-json.js';
import { readEntityInput } from '../entity-input.js';
import { isJsonObject, parseJson, shown, type JsonObject } from '../json-input.js';
import { ok, RestRefusal } from '../rest-answer.js';
import type { RestContext } from '../rest-context.js';
import { restEntityShape, tenantRefusal, type RestEntityShape } from '../rest-entity-shape.js';
import { REST_READING } from '../rest-reading.js';
import { REST_PAGE_SIZE } from '../query-input.js';
import type { AttachmentRoute } from '../rest-routes.js';

/** Production's refusal of a delete that found nothing (django-autotask's constant for it). */
export const NO_MATCHING_RECORDS = 'No matching records found. The logged in Resource may not have the required permissions to delete the data.';

/**
 * The bytes of `text` when it is base64 as Json.NET writes a byte array (the standard alphabet,
 * padded: it decodes and encodes back to itself); undefined when it is not. Decoded once.
 */
function exactBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** AttachmentInfoModel's REST-only fields that name a parent (`ticketID`, `companyNoteID`; not `parentAttachmentID`). */
const PARENT_ID_FIELD = /^(?!parentAttachment)[a-z]\w*ID$/;

interface Scope {
  readonly meta: EntityMeta;
  readonly shape: RestEntityShape;
  /** The ParentType value of the route's parent. */
  readonly parentType: number | string;
}

function scopeOf(context: RestContext, route: AttachmentRoute): Scope {
  const { tenant } = context;
  const meta = Object.hasOwn(tenant.schema.entities, 'AttachmentInfo') ? tenant.schema.entities['AttachmentInfo'] : undefined;
  const rest = restModel.entities['AttachmentInfo'];
  const parentTypeField = meta?.fields['ParentType'];
  if (meta === undefined || rest === undefined || parentTypeField === undefined) throw new RestRefusal('The simulated tenant keeps no attachments.');
  const parent = restEntityByCollection(restModel, route.parentCollection)?.entity;
  const parentType = tenant.picklists.valuesOf(meta, parentTypeField).find((v) => v.label === parent && v.isActive);
  if (parent === undefined || parentType === undefined) {
    throw new RestRefusal(
      `The simulated tenant keeps no attachments of ${route.parentCollection} (AttachmentInfo.ParentType has no ${parent ?? route.parentCollection}).`,
    );
  }
  return { meta, shape: restEntityShape(rest, meta), parentType: parentType.value };
}

/** The attachment `id` when it is one of the route's parent's. */
function ofParent(
  context: RestContext,
  scope: Scope,
  route: AttachmentRoute,
  id: number,
): { info: StoredEntity; data: Uint8Array | undefined } | undefined {
  const found = context.tenant.attachment(scope.meta, id);
  if (found === undefined) return undefined;
  const { values } = found.info;
  return String(values['ParentType']) === String(scope.parentType) && values['ParentID'] === route.parentId ? found : undefined;
}

function itemJson(context: RestContext, scope: Scope, info: StoredEntity, data: Uint8Array | null): Record<string, unknown> {
  // The stored bytes viewed as a Buffer, not copied, for its base64.
  const base64 = data === null ? null : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  return { ...entityJson(scope.shape, info, context.tenant.udfsOf(scope.meta.name)), data: base64 };
}

function create(context: RestContext, scope: Scope, route: AttachmentRoute): HttpAnswer {
  if (context.body.trim() === '') throw new RestRefusal('The request has no body: send the attachment as JSON.');
  const body = parseJson(context.body, 'request body');
  if (!isJsonObject(body)) throw new RestRefusal(`The body must be one attachment as a JSON object, not ${shown(body)}.`);
  const fields: JsonObject = {};
  let data: unknown;
  for (const [key, value] of Object.entries(body)) {
    const field = scope.shape.byLowerName.get(key.toLowerCase());
    if (key.toLowerCase() === 'data') data = value;
    else if (field !== undefined && field.soap === undefined && PARENT_ID_FIELD.test(field.rest)) {
      // n8n-nodes-autotask may send the parent's id field (`ticketID`) beside the URL's parent: the same parent is no news.
      if (value !== null && value !== route.parentId)
        throw new RestRefusal(`The body's ${field.rest} ${shown(value)} is not the ${route.parentCollection} parent of the URL.`);
    } else fields[key] = value;
  }
  const bytes = typeof data === 'string' ? exactBase64(data) : undefined;
  if (data !== undefined && data !== null && bytes === undefined) {
    throw new RestRefusal(`The attachment's data must be base64 text, not ${typeof data === 'string' ? 'this text' : shown(data as never)}.`);
  }
  const { entity } = readEntityInput(scope.shape, fields);
  if (entity.id !== undefined && Number(entity.id) !== 0)
    throw new RestRefusal(`A new attachment's id must be 0 or left out, not ${String(entity.id)}.`);
  const info = new Map(entity.fields);
  // The parent is the URL's; a body that names another is ambiguous (not documented: our choice).
  for (const [name, value] of [
    ['ParentID', route.parentId],
    ['ParentType', scope.parentType],
  ] as const) {
    const sent = info.get(name);
    if (sent !== undefined && sent !== null && String(sent).trim() !== String(value)) {
      throw new RestRefusal(
        `The body's ${scope.shape.bySoapName.get(name)?.rest ?? name} ${String(sent)} is not the ${route.parentCollection} parent of the URL.`,
      );
    }
    info.set(name, value);
  }
  const created = context.tenant.createAttachment(context.caller, scope.meta, info, bytes ?? Buffer.alloc(0), REST_READING);
  if (typeof created !== 'number') throw tenantRefusal(scope.shape, created.refused);
  return ok({ itemId: created });
}

export function attachmentAnswer(context: RestContext, route: AttachmentRoute): HttpAnswer {
  const scope = scopeOf(context, route);
  const { tenant } = context;
  switch (route.method) {
    case 'create':
      return create(context, scope, route);
    case 'get': {
      const found = ofParent(context, scope, route, route.attachmentId ?? 0);
      return ok({
        items:
          found === undefined ? [] : [itemJson(context, scope, found.info, found.data !== undefined && found.data.length > 0 ? found.data : null)],
      });
    }
    case 'list': {
      const items: Array<Record<string, unknown>> = [];
      for (const info of tenant.store.scan(scope.meta.name)) {
        if (String(info.values['ParentType']) === String(scope.parentType) && info.values['ParentID'] === route.parentId) {
          items.push(itemJson(context, scope, info, null));
        }
      }
      // Past one page the real API pages; no client here lists that many (not simulated: our choice).
      if (items.length > REST_PAGE_SIZE) throw new RestRefusal(`The simulator does not page attachment lists past ${REST_PAGE_SIZE}.`);
      return ok({ items, pageDetails: { count: items.length, requestCount: items.length, prevPageUrl: null, nextPageUrl: null } });
    }
    case 'delete': {
      const id = route.attachmentId ?? 0;
      if (ofParent(context, scope, route, id) === undefined) throw new RestRefusal(NO_MATCHING_RECORDS);
      const refusal = tenant.deleteAttachment(scope.meta, id);
      if (refusal !== undefined) throw tenantRefusal(scope.shape, refusal.refused);
      return ok({ itemId: id });
    }
  }
}
