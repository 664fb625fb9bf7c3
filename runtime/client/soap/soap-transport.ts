/**
 * The SOAP transport: the client's calls as ATWS SOAP operations. Queries are compiled to queryxml
 * (dates in US Eastern time), entities written as `<Entity xsi:type=...>` XML and read back from
 * the streamed ATWSResponse with SOAP's field decoding, a write's answer read into an outcome per
 * entity through its `record number [N]` messages, and SOAP faults mapped to typed errors.
 */
import { inspect } from 'node:util';
import { ApiError } from '../transport/api-error.js';
import { MAX_ENTITIES_PER_WRITE, QUERY_PAGE_SIZE } from '../../protocol/limits.js';
import type { QueryTree } from '../../protocol/query/query-tree.js';
import { writeEntityXml } from '../../protocol/soap/xml/entity-writer.js';
import { childElement, childText } from '../../protocol/soap/xml/xml-tree.js';
import type { HttpClient } from '../http/http-client.js';
import type { EntityInfo, FieldInfo } from '../transport/info-records.js';
import type { EncodedEntity, Transport, TransportCapabilities, WireAttachment, WriteAnswer, WriteOperation } from '../transport/transport.js';
import type { ThresholdAndUsage } from '../transport/usage-info.js';
import type { EntityDecoder, OutgoingEntity } from '../transport/wire-entity.js';
import { readEntityInfos, readFieldInfos } from './info-readers.js';
import { writeOutcomes } from './record-errors.js';
import { queryXml } from './query-xml.js';
import { param, type SoapClient } from './soap-client.js';
import { SOAP_FIELD_DECODING } from './soap-field-decoding.js';
import { readThresholdAndUsage } from './usage-reader.js';

/** What ATWS's SOAP API allows: pages of 500, writes of 200 in one transaction, update replacing the record. */
export const SOAP_CAPABILITIES: TransportCapabilities = Object.freeze({
  pageSize: QUERY_PAGE_SIZE,
  entitiesPerWrite: MAX_ENTITIES_PER_WRITE,
  writeIsTransaction: true,
  updateReplacesRecord: true,
});

/** An entity's `<Entity>` XML, with the id the answer is matched by. */
interface SoapEncodedEntity {
  readonly xml: string;
  readonly id: number | undefined;
}

/** The `<Entity>` (or `<Info>`) XML of an outgoing entity. */
function entityXml(entity: OutgoingEntity, element?: string): string {
  return writeEntityXml(
    entity.meta,
    { id: entity.id, values: entity.values, udfs: entity.udfs, nil: entity.nil, extra: entity.extra },
    element === undefined ? {} : { element },
  );
}

export class SoapTransport implements Transport {
  readonly capabilities: TransportCapabilities = SOAP_CAPABILITIES;
  readonly #soap: SoapClient;
  readonly #http: HttpClient;

  constructor(soap: SoapClient, http: HttpClient) {
    this.#soap = soap;
    this.#http = http;
  }

  get url(): string {
    return this.#soap.endpoint;
  }

  get username(): string | undefined {
    return this.#soap.username;
  }

  get requestCount(): number {
    return this.#http.requestCount;
  }

  async query<T>(tree: QueryTree, decode: EntityDecoder<T>): Promise<T[]> {
    const { summary, entities } = await this.#soap.callAtws('query', param('sXML', queryXml(tree)), (raw) => decode(raw, SOAP_FIELD_DECODING));
    if (summary.returnCode !== 1 || summary.errors.length > 0) {
      throw new ApiError(`query ${tree.entity}: ${summary.errors.join('; ') || `ReturnCode ${String(summary.returnCode)}`}`, {
        operation: 'query',
        messages: summary.errors,
      });
    }
    return entities;
  }

  encode(_operation: WriteOperation, entity: OutgoingEntity): EncodedEntity {
    const encoded: SoapEncodedEntity = { xml: entityXml(entity), id: entity.id };
    return encoded as unknown as EncodedEntity;
  }

  async write<T>(
    operation: WriteOperation,
    _entityType: string,
    entities: readonly EncodedEntity[],
    decode: EntityDecoder<T>,
  ): Promise<WriteAnswer<T>> {
    const sent = entities as readonly unknown[] as readonly SoapEncodedEntity[];
    // Appended, not joined: the envelope around it is flattened once, as the request is encoded;
    // a join first copied the whole packet's XML into a string of its own.
    let xml = '<Entities>';
    for (const e of sent) xml += e.xml;
    xml += '</Entities>';
    // The client reads a write answer's entities for their ids alone (the one field the answer is
    // documented as reliable for; REST answers nothing else): their other fields are not decoded.
    const answer = await this.#soap.callAtws(
      operation,
      xml,
      (raw) => ({
        entity: decode(raw, SOAP_FIELD_DECODING),
        id: raw.id,
      }),
      { idsOnly: true },
    );
    return writeOutcomes(
      operation,
      sent.map((e) => e.id),
      answer.summary,
      answer.entities,
      { attempts: answer.attempts },
    );
  }

  async fieldInfo(entityType: string): Promise<FieldInfo[]> {
    return readFieldInfos(await this.#soap.callTree('GetFieldInfo', param('psObjectType', entityType)));
  }

  async udfInfo(entityType: string): Promise<FieldInfo[]> {
    return readFieldInfos(await this.#soap.callTree('getUDFInfo', param('psTable', entityType)));
  }

  async entityInfo(): Promise<EntityInfo[]> {
    return readEntityInfos(await this.#soap.callTree('getEntityInfo', ''));
  }

  async thresholdAndUsage(): Promise<ThresholdAndUsage> {
    const { summary } = await this.#soap.callAtws('getThresholdAndUsageInfo', '', () => undefined);
    return readThresholdAndUsage(summary);
  }

  async invoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string | undefined> {
    const result = await this.#soap.callTree('GetInvoiceMarkup', param('InvoiceId', invoiceId) + param('Format', format.toUpperCase()));
    return result?.text;
  }

  async apiVersion(): Promise<string> {
    return (await this.#soap.callTree('GetWsdlVersion', ''))?.text ?? '';
  }

  async getAttachment<T>(attachmentId: number, decode: EntityDecoder<T>): Promise<WireAttachment<T> | undefined> {
    const result = await this.#soap.callTree('GetAttachment', param('attachmentId', attachmentId));
    if (result === undefined || result.children.length === 0) return undefined;
    const data = childText(result, 'Data');
    const infoElement = childElement(result, 'Info');
    let info: T | undefined;
    if (infoElement !== undefined) {
      const fields = new Map<string, string>();
      let id: number | undefined;
      for (const child of infoElement.children) {
        if (child.name === 'id') id = Number(child.text);
        else if (child.name !== 'UserDefinedFields') fields.set(child.name, child.text);
      }
      info = decode({ type: 'AttachmentInfo', id, fields, udfs: [] }, SOAP_FIELD_DECODING);
    }
    return { data: data === undefined ? undefined : Buffer.from(data, 'base64'), info };
  }

  async createAttachment(data: Uint8Array, info: OutgoingEntity): Promise<number> {
    const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
    const result = await this.#soap.callTree('CreateAttachment', `<attachment><Data>${base64}</Data>${entityXml(info, 'Info')}</attachment>`);
    const id = Number(result?.text);
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new ApiError(`createAttachment: Autotask returned no attachment id (${JSON.stringify(result?.text ?? '')})`, {
        operation: 'CreateAttachment',
        messages: [],
      });
    }
    return id;
  }

  async deleteAttachment(attachmentId: number): Promise<string> {
    return (await this.#soap.callTree('DeleteAttachment', param('attachmentId', attachmentId)))?.text ?? '';
  }

  close(): void {
    this.#http.close();
  }

  [inspect.custom](): string {
    return `SoapTransport ${inspect(this.toJSON())}`;
  }

  toJSON(): { url: string; user: string | undefined } {
    return { url: this.url, user: this.username };
  }
}
