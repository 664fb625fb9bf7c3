/**
 * One SOAP request to one answer: parse the envelope, find the operation by its body element,
 * authenticate (all but getZoneInfo), check the integration code and the request threshold,
 * run the operation, and wrap its result. Never throws: every failure becomes a SOAP Fault, or
 * HTTP 401 with a non-SOAP body for bad credentials (as Autotask answers them).
 */
import { soapEnvelope, soapFaultEnvelope, SOAP_ENV_NS } from 'atws/protocol/soap';
import { redact } from 'atws/protocol';
import { childElement, parseXml, type XmlElement } from 'atws/protocol/soap';
import type { OperationDescriptor } from 'atws/protocol/soap';
import type { ApiVersionSpec } from './api-versions.js';
import { credentialsMatch, parseBasicAuth, secretEquals } from '../tenant/authentication.js';
import { SoapFault, type OperationContext, type OperationHandler } from './operation-context.js';
import type { Tenant } from '../tenant/tenant.js';
import { query } from './operations/query.js';
import { create } from './operations/create.js';
import { update } from './operations/update.js';
import { deleteOperation } from './operations/delete.js';
import { getEntityInfo, getFieldInfo, getUdfInfo } from './operations/metadata-info.js';
import { getThresholdAndUsageInfo } from './operations/usage-info.js';
import { getInvoiceMarkup } from './operations/invoice-markup.js';
import { getWsdlVersion } from './operations/wsdl-version.js';
import { getZoneInfo } from './operations/zone-info.js';
import { createAttachment, deleteAttachment, getAttachment } from './operations/attachments.js';
import { thresholdExceededMessage } from 'atws/protocol';
import { objectEndpoint } from '../tenant/thread-limit.js';
import { API_USER_RESOURCE_ID } from '../tenant/seed-data.js';

/** Handlers by WSDL operation name. */
const HANDLERS: Readonly<Record<string, OperationHandler>> = {
  query,
  create,
  update,
  delete: deleteOperation,
  getEntityInfo,
  GetFieldInfo: getFieldInfo,
  getUDFInfo: getUdfInfo,
  getThresholdAndUsageInfo,
  GetWsdlVersion: getWsdlVersion,
  GetInvoiceMarkup: getInvoiceMarkup,
  getZoneInfo,
  GetAttachment: getAttachment,
  CreateAttachment: createAttachment,
  DeleteAttachment: deleteAttachment,
};

export interface SoapAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The operation, when one was recognised (for logs and counters). */
  readonly operation?: string;
  /** A `WWW-Authenticate` challenge (on 401), so that challenge-driven clients send credentials. */
  readonly challenge?: string;
}

export interface SoapRequest {
  readonly body: string;
  readonly authorization: string | undefined;
  readonly asmxUrl: string;
  readonly baseUrl: string;
}

const XML = 'text/xml; charset=utf-8';

function fault(code: 'soap:Client' | 'soap:Server', message: string, operation?: string): SoapAnswer {
  return { status: 500, contentType: XML, body: soapFaultEnvelope(code, message), ...(operation ? { operation } : {}) };
}

/** What IIS answers a bad login: an HTML page, not SOAP. */
const UNAUTHORIZED: SoapAnswer = {
  status: 401,
  contentType: 'text/html; charset=utf-8',
  challenge: 'Basic realm="webservices.autotask.net"',
  body:
    '<!DOCTYPE html><html><head><title>401 - Unauthorized</title></head><body>' +
    '<h1>401 - Unauthorized: Access is denied due to invalid credentials.</h1>' +
    '<p>You do not have permission to view this directory or page using the credentials that you supplied.</p></body></html>',
};

function findOperation(api: ApiVersionSpec, element: XmlElement): OperationDescriptor | undefined {
  const exact = api.operations.get(element.name);
  if (exact) return exact;
  const lower = element.name.toLowerCase();
  return [...api.operations.values()].find((op) => op.requestElement.toLowerCase() === lower);
}

/**
 * The `AutotaskIntegrations` header block, found by its namespace (the API version's, as the WSDL
 * declares it) inside a SOAP 1.1 `Header`: a block of that local name in another namespace is
 * someone else's header, not ours. Its children are matched in the same namespace, the schema's
 * elementFormDefault being "qualified".
 */
function integrationsHeader(api: ApiVersionSpec, envelope: XmlElement): XmlElement | undefined {
  const ns = api.metadata.namespace;
  const header = envelope.children.find((c) => c.name === 'Header' && c.uri === SOAP_ENV_NS);
  return header?.children.find((c) => c.name === 'AutotaskIntegrations' && c.uri === ns);
}

function headerText(api: ApiVersionSpec, integrations: XmlElement | undefined, name: string): string | undefined {
  return integrations?.children.find((c) => c.name === name && c.uri === api.metadata.namespace)?.text;
}

/** `ImpersonateAsResourceID` from the header: the acting resource, or a problem to report. */
function actingResource(tenant: Tenant, api: ApiVersionSpec, envelope: XmlElement): number | string {
  const text = headerText(api, integrationsHeader(api, envelope), 'ImpersonateAsResourceID')?.trim();
  if (text === undefined || text === '') return API_USER_RESOURCE_ID;
  const id = Number(text);
  const resource = Number.isInteger(id) ? tenant.store.get('Resource', id) : undefined;
  if (!resource || resource.values['Active'] === false) {
    return `ImpersonateAsResourceID ${text} is not an active resource of this tenant.`;
  }
  return id;
}

/** The API tracking identifier of a request: its integration code, else (1.5 without one) the user. */
function trackingIdentifier(tenant: Tenant, api: ApiVersionSpec, envelope: XmlElement): string {
  const code = headerText(api, integrationsHeader(api, envelope), 'IntegrationCode')?.trim();
  return code ? `code:${code}` : `user:${tenant.options.username.toLowerCase()}`;
}

/** The latency the API adds at the tenant's usage now (see usage-window.ts). */
function usageLatency(tenant: Tenant): number {
  return tenant.usage.latencyMs(tenant.options.usageLatencyMs);
}

function integrationCodeProblem(tenant: Tenant, api: ApiVersionSpec, envelope: XmlElement): string | undefined {
  const code = headerText(api, integrationsHeader(api, envelope), 'IntegrationCode')?.trim();
  const required = api.version !== '1.5';
  if (code === undefined || code === '') {
    return required
      ? 'Missing IntegrationCode: API 1.6 requires the AutotaskIntegrations SOAP header with your integration code.'
      : undefined;
  }
  return secretEquals(code, tenant.options.integrationCode)
    ? undefined
    : 'IntegrationCode is invalid: the AutotaskIntegrations header holds an integration code this tenant does not know.';
}

/**
 * A request read, authenticated and counted, not yet run: the HTTP side decides from `threadKey`
 * whether it may run now (thread limiting), then calls `execute` once.
 */
export interface PreparedSoapRequest {
  /** The operation, when one was recognised. */
  readonly operation?: string;
  /**
   * Tracking identifier (the integration code; the user for 1.5 without one) and object endpoint,
   * the pair the thread limit counts; undefined when the request is not limited (getZoneInfo,
   * or a request already refused).
   */
  readonly threadKey?: string;
  /** The object endpoint, for the thread limit's message. */
  readonly endpoint?: string;
  /** Latency the API adds at this usage of the threshold. */
  readonly usageDelayMs: number;
  execute(): SoapAnswer;
}

export function handleSoapRequest(tenant: Tenant, api: ApiVersionSpec, request: SoapRequest): SoapAnswer {
  return prepareSoapRequest(tenant, api, request).execute();
}

function redacted(tenant: Tenant, answer: SoapAnswer): SoapAnswer {
  if (answer.status !== 500) return answer;
  // A fault may quote the request (a parser's excerpt): never echo the tenant's secrets in it.
  return { ...answer, body: redact(answer.body, [tenant.options.password, tenant.options.integrationCode]) };
}

const done = (tenant: Tenant, answer: SoapAnswer): PreparedSoapRequest => ({
  ...(answer.operation === undefined ? {} : { operation: answer.operation }),
  usageDelayMs: 0,
  execute: () => redacted(tenant, answer),
});

export function prepareSoapRequest(tenant: Tenant, api: ApiVersionSpec, request: SoapRequest): PreparedSoapRequest {
  const routed = route(tenant, api, request);
  return 'status' in routed ? done(tenant, routed) : { ...routed, execute: () => redacted(tenant, routed.execute()) };
}

function route(tenant: Tenant, api: ApiVersionSpec, request: SoapRequest): SoapAnswer | PreparedSoapRequest {
  let envelope: XmlElement;
  try {
    envelope = parseXml(request.body);
  } catch (error) {
    return fault('soap:Client', `Server was unable to read request. ---> ${(error as Error).message}`);
  }
  if (envelope.name !== 'Envelope' || envelope.uri !== SOAP_ENV_NS) {
    return fault('soap:Client', `Server was unable to read request: the document is not a SOAP 1.1 Envelope (got <${envelope.name}>).`);
  }
  const body = childElement(envelope, 'Body');
  const element = body?.children[0];
  if (!element) return fault('soap:Client', 'Server was unable to read request: the SOAP Body is empty.');
  const spec = findOperation(api, element);
  if (!spec) return fault('soap:Client', `Server did not recognize the operation <${element.name}> of API ${api.version}.`);
  const operation = spec.name;
  if (element.uri !== api.metadata.namespace) {
    return fault(
      'soap:Client',
      `Server did not recognize the request element <${element.name}> in namespace "${element.uri}"; API ${api.version} expects "${api.metadata.namespace}".`,
      operation,
    );
  }
  const anonymous = spec.headers.length === 0;
  let actingResourceId = API_USER_RESOURCE_ID;
  if (!anonymous) {
    const expected = { username: tenant.options.username, password: tenant.options.password };
    if (!credentialsMatch(parseBasicAuth(request.authorization), expected)) return { ...UNAUTHORIZED, operation };
    const problem = integrationCodeProblem(tenant, api, envelope);
    if (problem) return fault('soap:Client', problem, operation);
    const acting = actingResource(tenant, api, envelope);
    if (typeof acting === 'string') return fault('soap:Client', acting, operation);
    actingResourceId = acting;
    const withinThreshold = tenant.usage.record();
    // Checking the usage must stay possible past the threshold: that is when a client needs it.
    if (!withinThreshold && operation !== 'getThresholdAndUsageInfo') {
      return fault(
        'soap:Client',
        thresholdExceededMessage(tenant.usage.threshold, tenant.usage.count()),
        operation,
      );
    }
  }
  const handler = HANDLERS[operation];
  if (!handler) return fault('soap:Server', `The operation ${operation} is not implemented.`, operation);
  const endpoint = objectEndpoint(operation, element);
  const tracking = anonymous ? undefined : trackingIdentifier(tenant, api, envelope);
  const ctx: OperationContext = {
    tenant,
    api,
    request: element,
    asmxUrl: request.asmxUrl,
    baseUrl: request.baseUrl,
    actingResourceId,
  };
  return {
    operation,
    ...(tracking === undefined ? {} : { threadKey: `${tracking}\u0000${endpoint}`, endpoint }),
    usageDelayMs: anonymous ? 0 : usageLatency(tenant),
    execute: () => runOperation(tenant, api, spec, handler, ctx),
  };
}

function runOperation(tenant: Tenant, api: ApiVersionSpec, spec: OperationDescriptor, handler: OperationHandler, ctx: OperationContext): SoapAnswer {
  const operation = spec.name;
  try {
    const content = handler(ctx);
    const result = `<${spec.resultElement}>${content}</${spec.resultElement}>`;
    return {
      status: 200,
      contentType: XML,
      body: soapEnvelope(`<${spec.responseElement} xmlns="${api.metadata.namespace}">${result}</${spec.responseElement}>`),
      operation,
    };
  } catch (error) {
    if (error instanceof SoapFault) return fault(error.code, error.message, operation);
    tenant.options.log(`simulator: ${operation} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fault('soap:Server', `Server was unable to process request. ---> ${(error as Error).message}`, operation);
  }
}
