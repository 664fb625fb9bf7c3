/**
 * One SOAP request to a prepared call, in steps: read the envelope and find the operation
 * (envelope.ts), authenticate the caller for all but getZoneInfo (HTTP Basic, the integration
 * code and the impersonated resource, checked by the tenant), count it against the request
 * threshold, then dispatch: the operation reads its request element, which names the object
 * endpoint of the thread limit, and runs once the HTTP server has given it a slot. Never throws:
 * every failure becomes a SOAP Fault, or HTTP 401 with a non-SOAP body for bad credentials (as
 * Autotask answers them).
 */
import { threadEndpoint, threadLimitMessage, thresholdExceededMessage } from 'atws/protocol';
import type { XmlElement } from 'atws/protocol/soap';
import type { HttpAnswer, PreparedCall } from '../http/front.js';
import type { AuthenticationRefusal, Caller } from '../tenant/authentication.js';
import type { Tenant } from '../tenant/tenant.js';
import type { ApiVersionSpec } from './api-versions.js';
import { parseBasicAuth } from './basic-auth.js';
import { readSoapRequest } from './envelope.js';
import { readIntegrationsHeader } from './integrations-header.js';
import { SoapFault, type OperationContext, type ReadCall, type SoapOperation } from './operation-context.js';
import { SOAP_OPERATIONS } from './operations/index.js';
import { faultAnswer, resultAnswer, UNAUTHORIZED, type FaultCode } from './soap-answer.js';

export interface SoapHttpRequest {
  readonly body: string;
  /** The `Authorization` header. */
  readonly authorization: string | undefined;
  /** This server's asmx URL for the version, as the client reached it. */
  readonly asmxUrl: string;
  readonly baseUrl: string;
}

export interface SoapRouter {
  readonly tenant: Tenant;
  readonly api: ApiVersionSpec;
  readonly log: (line: string) => void;
}

/** A call answered before it runs (unreadable, refused): no thread slot, no usage latency. */
function answered(answer: HttpAnswer, operation: string | undefined): PreparedCall {
  return {
    ...(operation === undefined ? {} : { operation }),
    usageDelayMs: 0,
    threadLimited: () => answer,
    run: () => answer,
  };
}

/** SOAP's wording of a refused caller. */
function refusalAnswer(router: SoapRouter, refusal: AuthenticationRefusal): HttpAnswer {
  const fault = (message: string): HttpAnswer => faultAnswer('soap:Client', message, router.tenant.secrets);
  switch (refusal.refused) {
    case 'credentials':
      return UNAUTHORIZED;
    case 'integration-code-missing':
      return fault('Missing IntegrationCode: API 1.6 requires the AutotaskIntegrations SOAP header with your integration code.');
    case 'integration-code-unknown':
      return fault('IntegrationCode is invalid: the AutotaskIntegrations header holds an integration code this tenant does not know.');
    case 'impersonation':
      return fault(`ImpersonateAsResourceID ${refusal.resource} is not an active resource of this tenant.`);
  }
}

/** Step: who is calling (HTTP Basic and the AutotaskIntegrations header). */
function authenticate(router: SoapRouter, envelope: XmlElement, authorization: string | undefined): Caller | HttpAnswer {
  const { api, tenant } = router;
  const header = readIntegrationsHeader(api.metadata.namespace, envelope);
  const caller = tenant.authenticate({
    credentials: parseBasicAuth(authorization),
    integrationCode: header.integrationCode,
    integrationCodeRequired: api.version !== '1.5',
    impersonateAs: header.impersonateAs,
  });
  return 'refused' in caller ? refusalAnswer(router, caller) : caller;
}

/** Step: the operation reads its request; a request it cannot read faults when the call runs, as any other failure of the operation. */
function readCall(operation: SoapOperation, element: XmlElement, ctx: OperationContext): ReadCall {
  try {
    return operation.read(element, ctx);
  } catch (error) {
    return {
      run: () => {
        throw error;
      },
    };
  }
}

export function prepareSoapCall(router: SoapRouter, request: SoapHttpRequest): PreparedCall {
  const { tenant, api } = router;
  const fault = (code: FaultCode, message: string): HttpAnswer => faultAnswer(code, message, tenant.secrets);
  const read = readSoapRequest(api, request.body);
  if ('unreadable' in read) return answered(fault('soap:Client', read.unreadable), read.operation);
  const { envelope, element, spec } = read;
  const operation = spec.name;
  const anonymous = spec.headers.length === 0;
  let caller: Caller | undefined;
  if (!anonymous) {
    const authenticated = authenticate(router, envelope, request.authorization);
    if ('status' in authenticated) return answered(authenticated, operation);
    caller = authenticated;
    const withinThreshold = tenant.countRequest();
    // Checking the usage must stay possible past the threshold: that is when a client needs it.
    if (!withinThreshold && operation !== 'getThresholdAndUsageInfo') {
      return answered(fault('soap:Client', thresholdExceededMessage(tenant.usage.threshold, tenant.usage.count())), operation);
    }
  }
  const handler = Object.hasOwn(SOAP_OPERATIONS, operation) ? SOAP_OPERATIONS[operation] : undefined;
  if (!handler) return answered(fault('soap:Server', `The operation ${operation} is not implemented.`), operation);
  const ctx: OperationContext = { tenant, api, caller, asmxUrl: request.asmxUrl, baseUrl: request.baseUrl };
  const call = readCall(handler, element, ctx);
  // getZoneInfo is exempt from the thread limit, and anonymous: it never takes a slot.
  const endpoint = threadEndpoint(operation, () => call.entity) ?? operation.toLowerCase();
  return {
    operation,
    ...(caller === undefined ? {} : { slot: { trackingId: caller.trackingId, endpoint } }),
    usageDelayMs: anonymous ? 0 : tenant.usageLatencyMs(),
    threadLimited: (limit) => fault('soap:Client', threadLimitMessage(limit, endpoint)),
    run: () => {
      try {
        return resultAnswer(spec, api.metadata.namespace, call.run());
      } catch (error) {
        if (error instanceof SoapFault) return fault(error.code, error.message);
        router.log(`simulator: ${operation} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fault('soap:Server', `Server was unable to process request. ---> ${(error as Error).message}`);
      }
    },
  };
}
