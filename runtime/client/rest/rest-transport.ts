/**
 * The REST transport: the client's calls as Autotask REST API v1.0 requests, the SOAP-named
 * classes reaching REST's collections through the derived REST model. Queries are compiled to filter
 * JSON (rest-filter.ts) and sent as `GET {C}/query?search=` or, when the URL would pass 2,048
 * characters (the limit production clients apply), `POST {C}/query`; pages are followed by the
 * cursor with `id > <last id>`, the loop the REST docs give as the alternative to `nextPageUrl`.
 * Writes are one entity per request (REST has no batch route) and no transaction: create is POST
 * (through the parent's child route where the collection takes none, the parent id read from the
 * entity), update is PATCH carrying what the object changed, delete is DELETE. Attachments go
 * through their parent's `Attachments` child route (rest-attachments.ts).
 */
import { inspect } from 'node:util';
import { QUERY_PAGE_SIZE } from '../../protocol/limits.js';
import type { ApiVersion } from '../../protocol/metadata.js';
import type { QueryTree } from '../../protocol/query/query-tree.js';
import type { RestEntity, RestModel } from '../../protocol/rest/rest-model.js';
import type { HttpClient } from '../http/http-client.js';
import { ApiError } from '../transport/api-error.js';
import type { EntityInfo, FieldInfo } from '../transport/info-records.js';
import { ThreadLimitError, ThresholdExceededError } from '../transport/limit-errors.js';
import type {
  EncodedEntity,
  EntityOutcome,
  Transport,
  TransportCapabilities,
  WireAttachment,
  WriteAnswer,
  WriteOperation,
} from '../transport/transport.js';
import type { ThresholdAndUsage } from '../transport/usage-info.js';
import type { EntityDecoder, OutgoingEntity } from '../transport/wire-entity.js';
import { RestAttachments } from './rest-attachments.js';
import { anonymousGet, type RestClient } from './rest-client.js';
import { entityBody, readItem } from './rest-entities.js';
import { restFilter } from './rest-filter.js';
import { readRestEntityInfos, readRestFieldInfos, readRestThreshold } from './rest-info.js';
import { RestRoutes } from './rest-routes.js';
import { REST_FIELD_DECODING } from './rest-values.js';

/** What the REST API allows: pages of 500, one entity per write, no transaction, PATCH changing only what it carries. */
export const REST_CAPABILITIES: TransportCapabilities = Object.freeze({
  pageSize: QUERY_PAGE_SIZE,
  entitiesPerWrite: 1,
  writeIsTransaction: false,
  updateReplacesRecord: false,
});

/** Longest GET URL sent; a longer query goes as POST (KelvinTegelaar/AutotaskAPI and n8n-nodes-autotask use 2,048). */
export const MAX_GET_URL_LENGTH = 2048;

/** One write request, made by `encode` before the call. */
interface RestEncodedEntity {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body: string | undefined;
  readonly rest: RestEntity;
}

export class RestTransport implements Transport {
  readonly capabilities: TransportCapabilities = REST_CAPABILITIES;
  readonly #client: RestClient;
  readonly #http: HttpClient;
  readonly #model: RestModel;
  readonly #routes: RestRoutes;
  readonly #attachments: RestAttachments;

  constructor(client: RestClient, http: HttpClient, model: RestModel, apiVersion: ApiVersion) {
    this.#client = client;
    this.#http = http;
    this.#model = model;
    this.#routes = new RestRoutes(model, apiVersion);
    this.#attachments = new RestAttachments(client, this.#routes, model, () => this.fieldInfo('AttachmentInfo'));
  }

  get url(): string {
    return this.#client.base;
  }

  get username(): string | undefined {
    return this.#client.username;
  }

  get requestCount(): number {
    return this.#http.requestCount;
  }

  /** Refuses, before any request, a query REST cannot run (no collection, a field or operator REST lacks). */
  check(tree: QueryTree): { readonly rest: RestEntity; readonly collection: string; readonly filter: string } {
    const action = `query ${tree.entity}`;
    const rest = this.#routes.entity(tree.entity, action);
    const collection = this.#routes.collection(rest, 'queryPost', action);
    return { rest, collection, filter: JSON.stringify({ filter: restFilter(tree, rest, this.#routes) }) };
  }

  async query<T>(tree: QueryTree, decode: EntityDecoder<T>): Promise<T[]> {
    const { rest, collection, filter } = this.check(tree);
    const getPath = `${collection}/query?search=${encodeURIComponent(filter)}`;
    const viaGet = rest.collection?.methods.includes('queryGet') === true && this.#client.base.length + getPath.length <= MAX_GET_URL_LENGTH;
    const answer = await this.#client.send(
      viaGet
        ? { method: 'GET', path: getPath, operation: 'query', idempotent: true }
        : { method: 'POST', path: `${collection}/query`, operation: 'query', body: filter, idempotent: true },
    );
    const items = (answer.value as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) throw new ApiError(`query ${tree.entity}: the REST answer has no items list`, { operation: 'query', messages: [] });
    if (items.length > this.capabilities.pageSize) {
      throw new ApiError(
        `query ${tree.entity}: the server misbehaves: a page holds ${items.length} entities, more than the ${this.capabilities.pageSize} REST returns at most`,
        { operation: 'query', messages: [] },
      );
    }
    const soapNames = this.#routes.soapNames(rest);
    const read = items.map((item) => readItem(item, rest, soapNames));
    // Paging goes on from the last id: the page is taken in ascending id order whatever order it came in.
    read.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    return read.map((wire) => decode(wire, REST_FIELD_DECODING));
  }

  encode(operation: WriteOperation, entity: OutgoingEntity): EncodedEntity {
    const name = entity.meta.name;
    const rest = this.#routes.entity(name, operation);
    const held = entity.held ?? entity.values;
    if (operation === 'delete') {
      const route = this.#routes.writeRoute(rest, 'delete', held, operation);
      return encoded({ method: 'DELETE', path: `${route.path}/${String(entity.id)}`, body: undefined, rest });
    }
    const method = operation === 'create' ? 'create' : 'patch';
    const route = this.#routes.writeRoute(rest, method, held, operation);
    return encoded({
      method: operation === 'create' ? 'POST' : 'PATCH',
      path: route.path,
      body: entityBody(entity, rest, this.#routes, operation),
      rest,
    });
  }

  async write<T>(
    operation: WriteOperation,
    _entityType: string,
    entities: readonly EncodedEntity[],
    decode: EntityDecoder<T>,
  ): Promise<WriteAnswer<T>> {
    const outcomes: EntityOutcome<T>[] = [];
    const messages: string[] = [];
    for (const entity of entities as readonly unknown[] as readonly RestEncodedEntity[]) {
      try {
        const answer = await this.#client.send({
          method: entity.method,
          path: entity.path,
          operation,
          ...(entity.body === undefined ? {} : { body: entity.body }),
          // A second PATCH sets the same values, a second DELETE finds nothing to delete; a second POST would make a duplicate.
          idempotent: operation !== 'create',
        });
        const itemId = (answer.value as { itemId?: unknown } | undefined)?.itemId;
        const id = typeof itemId === 'number' ? itemId : typeof itemId === 'string' && /^\d+$/.test(itemId) ? Number(itemId) : undefined;
        if (operation === 'delete') outcomes.push({ status: 'saved', answer: undefined });
        else if (id === undefined || !Number.isSafeInteger(id)) outcomes.push({ status: 'unknown' });
        else outcomes.push({ status: 'saved', answer: decode({ type: entity.rest.entity, id, fields: [], udfs: [] }, REST_FIELD_DECODING) });
      } catch (error) {
        // The limits' refusals go to the policies (retry, fail the action); any other refusal is this entity's.
        if (!(error instanceof ApiError) || error instanceof ThreadLimitError || error instanceof ThresholdExceededError) throw error;
        messages.push(...error.messages);
        outcomes.push({ status: 'refused', reason: error.messages.join('; ') || error.message });
      }
    }
    return { outcomes, messages };
  }

  async fieldInfo(entityType: string): Promise<FieldInfo[]> {
    const rest = this.#routes.entity(entityType, 'getFieldInfo');
    const collection = this.#routes.collection(rest, 'entityInformationFields', 'getFieldInfo');
    const answer = await this.#client.send({
      method: 'GET',
      path: `${collection}/entityInformation/fields`,
      operation: 'GetFieldInfo',
      idempotent: true,
    });
    const names = this.#routes.soapNames(rest);
    return readRestFieldInfos(answer.value, 'GetFieldInfo', (name) => names.get(name) ?? name);
  }

  async udfInfo(entityType: string): Promise<FieldInfo[]> {
    const rest = this.#routes.entity(entityType, 'getUdfInfo');
    // An entity without user-defined fields: REST answers 404 for its userDefinedFields (reported by n8n-nodes-autotask).
    if (!rest.userDefinedFields) return [];
    const collection = this.#routes.collection(rest, 'entityInformationUdfs', 'getUdfInfo');
    const answer = await this.#client.send({
      method: 'GET',
      path: `${collection}/entityInformation/userDefinedFields`,
      operation: 'getUDFInfo',
      idempotent: true,
    });
    return readRestFieldInfos(answer.value, 'getUDFInfo', (name) => name);
  }

  async entityInfo(): Promise<EntityInfo[]> {
    const answer = await this.#client.send({ method: 'GET', path: 'EntityInformation', operation: 'getEntityInfo', idempotent: true });
    return readRestEntityInfos(answer.value, this.#model);
  }

  async thresholdAndUsage(): Promise<ThresholdAndUsage> {
    const answer = await this.#client.send({ method: 'GET', path: 'ThresholdInformation', operation: 'getThresholdAndUsageInfo', idempotent: true });
    return readRestThreshold(answer.value);
  }

  async invoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string | undefined> {
    const path = `Invoices/${invoiceId}/InvoiceMarkup${format === 'html' ? 'Html' : 'Xml'}`;
    const answer = await this.#client.send({ method: 'GET', path, operation: 'GetInvoiceMarkup', idempotent: true });
    const markup = (answer.value as { invoiceMarkup?: unknown } | undefined)?.invoiceMarkup;
    return typeof markup === 'string' && markup !== '' ? markup : undefined;
  }

  async apiVersion(): Promise<string> {
    // VersionInformation sits beside the version segment, and needs no login.
    const url = new URL('../VersionInformation', this.#client.base).toString();
    const versions = ((await anonymousGet(this.#http, url, 'GetWsdlVersion')) as { apiVersions?: unknown } | undefined)?.apiVersions;
    return Array.isArray(versions) && typeof versions[versions.length - 1] === 'string' ? (versions[versions.length - 1] as string) : '';
  }

  getAttachment<T>(attachmentId: number, decode: EntityDecoder<T>): Promise<WireAttachment<T> | undefined> {
    return this.#attachments.get(attachmentId, decode);
  }

  createAttachment(data: Uint8Array, info: OutgoingEntity): Promise<number> {
    return this.#attachments.create(data, info);
  }

  deleteAttachment(attachmentId: number): Promise<string> {
    return this.#attachments.delete(attachmentId);
  }

  close(): void {
    this.#http.close();
  }

  [inspect.custom](): string {
    return `RestTransport ${inspect(this.toJSON())}`;
  }

  toJSON(): { url: string; user: string | undefined } {
    return { url: this.url, user: this.username };
  }
}

function encoded(entity: RestEncodedEntity): EncodedEntity {
  return entity as unknown as EncodedEntity;
}
