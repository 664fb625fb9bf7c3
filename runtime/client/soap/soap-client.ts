/**
 * One connection's SOAP calls, written from the generated `operations` data: the request element
 * in the version's namespace, the `AutotaskIntegrations` header where the WSDL puts it, and the
 * answer either streamed (ATWSResponse) or read as a small tree. A SOAP fault becomes an `ApiError`
 * (soap-faults.ts). The limits are not kept here: the policies wrap the transport (policies/).
 */
import { QUERY_PAGE_SIZE } from '../../protocol/limits.js';
import { inspect } from 'node:util';
import { inspectCustom } from '../../protocol/inspect-custom.js';
import { ApiError } from '../transport/api-error.js';
import { escapeXmlText } from '../../protocol/soap/xml/escape.js';
import { soapEnvelope } from '../../protocol/soap/xml/soap-envelope.js';
import type { RawEntity } from './atws-response-decoder.js';
import type { XmlElement } from '../../protocol/soap/xml/xml-tree.js';
import type { GeneratedApi } from '../../generated-apis.js';
import type { OperationDescriptor } from '../../protocol/soap/operations.js';
import type { AnswerHandling, HttpClient, HttpRequest, ResponseReader } from '../http/http-client.js';
import { atwsResponseReader, treeReader, type AtwsAnswer } from './soap-readers.js';
import { faultError } from './soap-faults.js';

export type { OperationDescriptor };

export interface IntegrationHeader {
  readonly integrationCode: string | undefined;
  readonly impersonateAsResourceId: number | undefined;
}

/** The `<AutotaskIntegrations>` header content, or undefined when there is nothing to put in it. */
export function integrationsHeader(namespace: string, header: IntegrationHeader): string | undefined {
  if (header.integrationCode === undefined && header.impersonateAsResourceId === undefined) return undefined;
  const code = header.integrationCode === undefined ? '' : `<IntegrationCode>${escapeXmlText(header.integrationCode)}</IntegrationCode>`;
  const impersonate =
    header.impersonateAsResourceId === undefined ? '' : `<ImpersonateAsResourceID>${header.impersonateAsResourceId}</ImpersonateAsResourceID>`;
  return `<AutotaskIntegrations xmlns="${namespace}">${code}${impersonate}</AutotaskIntegrations>`;
}

/** `<name>text</name>` for a simple request parameter. */
export function param(name: string, value: string | number): string {
  return `<${name}>${typeof value === 'number' ? String(value) : escapeXmlText(value)}</${name}>`;
}

/** An operation's data, by WSDL name; a clear error when the version lacks it. */
export function operationOf(api: GeneratedApi, name: string): OperationDescriptor {
  const operation = api.operations[name];
  if (operation === undefined) {
    throw new Error(`The generated operations of API ${api.metadata.apiVersion} lack "${name}"; run npm run codegen`);
  }
  return operation;
}

/** ATWS answers at most this many entities to any call: a query page (create/update take fewer). */
export const MAX_ENTITIES_PER_ANSWER = QUERY_PAGE_SIZE;

/** The API user's login, sent as HTTP Basic authentication. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Operations that must never be sent twice: a second create would make a duplicate. */
const NEVER_RETRIED = new Set(['create', 'CreateAttachment']);

/**
 * Whether an operation is safe to send again after a failure that may have reached the server:
 * reads, `update` (it sets the same values again) and `delete` (a second delete of the same id
 * changes nothing); never `create`.
 */
export function isRepeatable(operation: string): boolean {
  return !NEVER_RETRIED.has(operation);
}

/** SOAP answers, faults included, come as XML with 200 or 500; anything else is no SOAP answer. */
function soapAnswer<T>(reader: () => ResponseReader<T>): AnswerHandling<T> {
  return {
    accepts: (status, contentType) => (status === 200 || status === 500) && (contentType === '' || /xml/i.test(contentType)),
    reader,
    wire: 'SOAP',
  };
}

export class SoapClient {
  readonly api: GeneratedApi;
  readonly endpoint: string;
  // Private state (not TypeScript `private`, which is a plain property at run time): the login
  // and the integration code must not show in `inspect`, `JSON.stringify` or a property walk.
  readonly #http: HttpClient;
  readonly #credentials: Credentials | undefined;
  readonly #header: IntegrationHeader;

  constructor(api: GeneratedApi, endpoint: string, http: HttpClient, credentials: Credentials | undefined, header: IntegrationHeader) {
    this.api = api;
    this.endpoint = endpoint;
    this.#http = http;
    this.#credentials = credentials;
    this.#header = header;
  }

  /** The API user the calls are made as (undefined for anonymous zone discovery). */
  get username(): string | undefined {
    return this.#credentials?.username;
  }

  [inspectCustom](): string {
    return `SoapClient ${inspect(this.toJSON())}`;
  }

  toJSON(): { endpoint: string; user: string | undefined; apiVersion: string } {
    return { endpoint: this.endpoint, user: this.username, apiVersion: this.api.metadata.apiVersion };
  }

  private envelope(operation: OperationDescriptor, params: string): string {
    const ns = this.api.metadata.namespace;
    const header = operation.headers.includes('AutotaskIntegrations') ? integrationsHeader(ns, this.#header) : undefined;
    return soapEnvelope(`<${operation.requestElement} xmlns="${ns}">${params}</${operation.requestElement}>`, header);
  }

  /** The HTTP request of one SOAP call: POSTed envelope, SOAPAction, Basic authentication. */
  private request(operation: OperationDescriptor, params: string): HttpRequest {
    const credentials = this.#credentials;
    return {
      method: 'POST',
      url: this.endpoint,
      operation: operation.name,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation.soapAction}"` },
      ...(credentials === undefined
        ? {}
        : { secretHeaders: { Authorization: 'Basic ' + Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64') } }),
      body: this.envelope(operation, params),
      idempotent: isRepeatable(operation.name),
      user: credentials?.username,
    };
  }

  /**
   * Calls an operation answering an ATWSResponse; entities are decoded as they stream in (with
   * `idsOnly`, as their type and id: see `AtwsResponseDecoderOptions`). An answer with more than
   * `maxEntities` entities fails as soon as the one too many is read.
   */
  async callAtws<T>(
    operationName: string,
    params: string,
    decode: (raw: RawEntity) => T,
    { maxEntities = MAX_ENTITIES_PER_ANSWER, idsOnly = false }: { readonly maxEntities?: number; readonly idsOnly?: boolean } = {},
  ): Promise<AtwsAnswer<T> & { readonly attempts: number }> {
    const operation = operationOf(this.api, operationName);
    const answer = await this.#http.send(
      this.request(operation, params),
      soapAnswer(atwsResponseReader(operation.name, decode, maxEntities, idsOnly)),
    );
    const { fault } = answer.value.summary;
    if (fault !== undefined) throw faultError(operation.name, fault);
    const { summary } = answer.value;
    if (summary.returnCode === undefined) {
      throw new ApiError(`${operation.name}: HTTP ${answer.status} answer holds no ATWSResponse`, { operation: operation.name, messages: [] });
    }
    return { ...answer.value, attempts: answer.attempts ?? 1 };
  }

  /** Calls an operation with a small answer; returns its result element (undefined when empty). */
  async callTree(operationName: string, params: string): Promise<XmlElement | undefined> {
    const operation = operationOf(this.api, operationName);
    const answer = await this.#http.send(
      this.request(operation, params),
      soapAnswer(treeReader(operation.name, operation.responseElement, operation.resultElement)),
    );
    const { fault } = answer.value;
    if (fault !== undefined) throw faultError(operation.name, fault);
    return answer.value.result;
  }
}
