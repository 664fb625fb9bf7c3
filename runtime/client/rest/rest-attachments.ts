/**
 * Attachments over REST. The calls take only an attachment's id, yet REST reaches an attachment
 * only through its parent's child route (`Tickets/{parentId}/Attachments/{id}`: the one route that
 * answers its bytes, and the one that deletes it). So get and delete first read the attachment's
 * AttachmentInfo (`GET AttachmentInfo/{id}`, a read by id: the 2021.1 rule that attachment
 * *queries* name the parent does not touch it), whose ParentType and ParentID name the parent:
 * two requests a call. ParentType is a picklist; its label names the parent entity (the tenant's
 * own words, read once per connection from AttachmentInfo's field info), whose REST collection
 * comes from the derived REST model (`Account` -> `Companies`). Create names the parent from the
 * info it is given, and sends one POST.
 *
 * Answers are checked before they are used: the item must be the attachment asked for, the child
 * route's answer an `{"items": [...]}` list of it, its `data` base64 text (decoded to the exact bytes).
 */
import { UsageError } from '../../protocol/errors.js';
import type { FieldValue } from '../../protocol/metadata.js';
import { REST_ATTACHMENT_CHILD, REST_ATTACHMENT_PARENTS, restAttachmentParent } from '../../protocol/rest/rest-attachments.js';
import type { RestEntity, RestModel } from '../../protocol/rest/rest-model.js';
import { ApiError } from '../transport/api-error.js';
import type { FieldInfo } from '../transport/info-records.js';
import { ThreadLimitError, ThresholdExceededError } from '../transport/limit-errors.js';
import type { WireAttachment } from '../transport/transport.js';
import type { EntityDecoder, OutgoingEntity } from '../transport/wire-entity.js';
import type { RestClient } from './rest-client.js';
import { readItem } from './rest-entities.js';
import type { RestRoutes } from './rest-routes.js';
import { REST_FIELD_DECODING, restJsonValue } from './rest-values.js';

/**
 * The bytes of `text` when it is base64 as Json.NET writes a byte array (the standard alphabet,
 * padded: it decodes and encodes back to itself); undefined when it is not. Decoded once.
 */
function exactBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** The SOAP fields that name an attachment's parent: over REST they are the route, not the body. */
const PARENT_FIELDS = new Set(['ParentType', 'ParentID']);

/** An attachment's AttachmentInfo as REST answered it, and the route of its parent. */
interface Located {
  readonly item: Record<string, unknown>;
  readonly route: string;
}

const squeeze = (text: string): string => text.replace(/[\s_-]+/g, '').toLowerCase();

function protocolError(operation: string, message: string): ApiError {
  return new ApiError(`${operation}: ${message}`, { operation, messages: [] });
}

export class RestAttachments {
  readonly #client: RestClient;
  readonly #routes: RestRoutes;
  readonly #model: RestModel;
  readonly #fieldInfo: () => Promise<FieldInfo[]>;
  #parentTypes: Promise<ReadonlyMap<string, string>> | undefined;

  /** `fieldInfo` answers AttachmentInfo's field info (its ParentType picklist). */
  constructor(client: RestClient, routes: RestRoutes, model: RestModel, fieldInfo: () => Promise<FieldInfo[]>) {
    this.#client = client;
    this.#routes = routes;
    this.#model = model;
    this.#fieldInfo = fieldInfo;
  }

  async get<T>(attachmentId: number, decode: EntityDecoder<T>): Promise<WireAttachment<T> | undefined> {
    const operation = 'GetAttachment';
    const located = await this.#locate(attachmentId, operation);
    if (located === undefined) return undefined;
    const answer = await this.#client.send({ method: 'GET', path: `${located.route}/${attachmentId}`, operation, idempotent: true });
    const items = (answer.value as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) throw protocolError(operation, `the answer of ${located.route}/${attachmentId} has no items list`);
    // Deleted between the two requests.
    if (items.length === 0) return undefined;
    if (items.length > 1) throw protocolError(operation, `the answer of ${located.route}/${attachmentId} holds ${items.length} attachments, not one`);
    const got = items[0] as { id?: unknown; data?: unknown } | null;
    if (got === null || typeof got !== 'object') throw protocolError(operation, 'the attachment answered is no object');
    if (got.id !== attachmentId) throw protocolError(operation, `asked for attachment ${attachmentId}, the answer holds ${JSON.stringify(got.id)}`);
    let data: Uint8Array | undefined;
    if (typeof got.data === 'string') {
      data = exactBase64(got.data);
      if (data === undefined) throw protocolError(operation, `the data of attachment ${attachmentId} is not base64`);
    } else if (got.data !== null && got.data !== undefined) {
      throw protocolError(operation, `the data of attachment ${attachmentId} is ${typeof got.data}, not base64 text`);
    }
    const info = this.#attachmentInfo(operation);
    return { data, info: decode(readItem(located.item, info, this.#routes.soapNames(info)), REST_FIELD_DECODING) };
  }

  async create(data: Uint8Array, outgoing: OutgoingEntity): Promise<number> {
    const operation = 'CreateAttachment';
    const info = this.#attachmentInfo(operation);
    const { ParentType: parentType, ParentID: parentId } = outgoing.values;
    if (typeof parentType !== 'number' || typeof parentId !== 'number' || !Number.isSafeInteger(parentId) || parentId <= 0) {
      throw new UsageError(
        `createAttachment: over REST the attachment's ParentType and ParentID name the route it is created through; got ParentType ${JSON.stringify(parentType)}, ParentID ${JSON.stringify(parentId)}`,
      );
    }
    const route = await this.#parentRoute(parentType, parentId, 'createAttachment');
    const parts = ['"id":0'];
    for (const [name, value] of Object.entries(outgoing.values)) {
      if (PARENT_FIELDS.has(name)) continue;
      const field = this.#routes.field(info, name, 'createAttachment');
      parts.push(`${JSON.stringify(field.rest)}:${restJsonValue(value as FieldValue, field.type, `createAttachment AttachmentInfo.${name}`)}`);
    }
    parts.push(`"data":${JSON.stringify(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'))}`);
    // A second POST would attach the file twice: never sent again.
    const answer = await this.#client.send({ method: 'POST', path: route, operation, body: `{${parts.join(',')}}`, idempotent: false });
    const itemId = (answer.value as { itemId?: unknown } | undefined)?.itemId;
    if (typeof itemId !== 'number' || !Number.isSafeInteger(itemId) || itemId <= 0) {
      throw protocolError(operation, `Autotask returned no attachment id (itemId ${JSON.stringify(itemId)})`);
    }
    return itemId;
  }

  /** Resolves to '' when deleted, else the reason (as SOAP's DeleteAttachment answers it). */
  async delete(attachmentId: number): Promise<string> {
    const operation = 'DeleteAttachment';
    const located = await this.#locate(attachmentId, operation);
    if (located === undefined) return `Attachment ${attachmentId} does not exist (AttachmentInfo/${attachmentId} answered no item).`;
    let answer;
    try {
      answer = await this.#client.send({ method: 'DELETE', path: `${located.route}/${attachmentId}`, operation, idempotent: true });
    } catch (error) {
      // The API's refusal is the call's answer, as SOAP's; the limits' refusals go to the policies.
      if (!(error instanceof ApiError) || error instanceof ThreadLimitError || error instanceof ThresholdExceededError) throw error;
      return error.messages.join('; ') || error.message;
    }
    const itemId = (answer.value as { itemId?: unknown } | undefined)?.itemId;
    if (itemId !== undefined && itemId !== attachmentId) {
      throw protocolError(operation, `deleted attachment ${attachmentId}, the answer names ${JSON.stringify(itemId)}`);
    }
    return '';
  }

  #attachmentInfo(operation: string): RestEntity {
    return this.#routes.entity('AttachmentInfo', operation);
  }

  /** The attachment's AttachmentInfo and its parent's attachment route; undefined when there is none. */
  async #locate(attachmentId: number, operation: string): Promise<Located | undefined> {
    const collection = this.#routes.collection(this.#attachmentInfo(operation), 'get', operation);
    const answer = await this.#client.send({ method: 'GET', path: `${collection}/${attachmentId}`, operation, idempotent: true });
    const value = answer.value as { item?: unknown } | undefined;
    if (value === null || typeof value !== 'object' || !('item' in value))
      throw protocolError(operation, `the answer of ${collection}/${attachmentId} has no item`);
    if (value.item === null) return undefined;
    const item = value.item as Record<string, unknown>;
    if (typeof item !== 'object' || Array.isArray(item)) throw protocolError(operation, `the AttachmentInfo answered is no object`);
    if (item['id'] !== attachmentId)
      throw protocolError(operation, `asked for AttachmentInfo ${attachmentId}, the answer holds ${JSON.stringify(item['id'])}`);
    const { parentType, parentID } = item;
    if (typeof parentType !== 'number' || typeof parentID !== 'number' || !Number.isSafeInteger(parentID) || parentID <= 0) {
      throw protocolError(
        operation,
        `AttachmentInfo ${attachmentId} names no parent (parentType ${JSON.stringify(parentType)}, parentID ${JSON.stringify(parentID)})`,
      );
    }
    return { item, route: await this.#parentRoute(parentType, parentID, operation) };
  }

  /** `{Parent}/{parentId}/Attachments` for a ParentType picklist value. */
  async #parentRoute(parentType: number, parentId: number, action: string): Promise<string> {
    const label = (await this.#parentTypeLabels()).get(String(parentType));
    if (label === undefined) throw new UsageError(`${action}: ${parentType} is no value of AttachmentInfo.ParentType`);
    const wanted = squeeze(label);
    const parent = Object.values(this.#model.entities).find((e) => squeeze(e.entity) === wanted || squeeze(e.model.replace(/Model$/, '')) === wanted);
    const collection = parent?.collection === undefined ? undefined : restAttachmentParent(parent.collection.name);
    if (collection === undefined) {
      throw new UsageError(
        `${action}: attachments of a ${label} (ParentType ${parentType}) have no REST route; REST keeps attachments under ${REST_ATTACHMENT_PARENTS.join(', ')}: use a SOAP connection for this one`,
      );
    }
    return `${collection}/${parentId}/${REST_ATTACHMENT_CHILD}`;
  }

  /** ParentType value -> label, read once (again after a failure). */
  #parentTypeLabels(): Promise<ReadonlyMap<string, string>> {
    this.#parentTypes ??= this.#fieldInfo().then((fields) => {
      const field = fields.find((f) => f.Name === 'ParentType');
      return new Map((field?.PicklistValues ?? []).map((v) => [v.Value, v.Label]));
    });
    const labels = this.#parentTypes;
    labels.catch(() => {
      if (this.#parentTypes === labels) this.#parentTypes = undefined;
    });
    return labels;
  }
}
