/**
 * A REST request to a prepared call, in steps: authenticate the caller from the headers, count the
 * request in the usage window the SOAP front counts in too (one tenant, one threshold), name its
 * object endpoint for the thread limit, and run the operation once the HTTP server has given it a
 * slot. Never throws: a refusal becomes `{"errors": [...]}`, an unexpected failure a 500 that says
 * so (and is logged).
 *
 * Past the hourly threshold a request is refused with HTTP 429 (production's status: WYRE-AI/
 * autotask-mcp pull request #107; the body and any Retry-After are not documented: ours carries the
 * figures ThresholdInformation reports), except ThresholdInformation itself, which a client needs
 * most then (our choice, as for SOAP). Past the thread limit it is refused with 429 too, with
 * production's words ("thread threshold of 3 threads has been exceeded": a production log quoted
 * in n8n-nodes-autotask pull request #107 and a project's runtime log, both with 429).
 */
import { threadLimitMessage, thresholdExceededMessage, type RestMethod } from 'atws/protocol';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpAnswer, PreparedCall } from '../http/front.js';
import type { Tenant } from '../tenant/tenant.js';
import { errorAnswer, RestRefusal } from './rest-answer.js';
import { refusalAnswer, restIdentity } from './rest-auth.js';
import type { EntityCall, RestContext } from './rest-context.js';
import type { EntityRoute, RestTarget } from './rest-routes.js';
import { count, item, list, query } from './operations/queries.js';
import { create, patch, put, remove } from './operations/writes.js';
import { entityInformation, fields, userDefinedFields } from './operations/entity-information.js';
import { attachmentAnswer } from './operations/attachments.js';
import { invoiceMarkupAnswer, thresholdInformation, versionInformation, zoneInformation } from './operations/service-information.js';

/** HTTP 429 with `{"errors": [...]}`. */
export const TOO_MANY_REQUESTS = 429;

const ENTITY_OPERATIONS: Readonly<Record<RestMethod, (call: EntityCall) => HttpAnswer>> = {
  get: item,
  queryGet: query,
  queryPost: query,
  countGet: count,
  countPost: count,
  list,
  create,
  patch,
  put,
  delete: remove,
  entityInformation,
  entityInformationFields: fields,
  entityInformationUdfs: userDefinedFields,
};

export interface RestRequest {
  readonly headers: IncomingHttpHeaders;
  readonly url: URL;
  readonly baseUrl: string;
}

/** A call answered before it runs: no thread slot, no usage latency. */
function answered(answer: HttpAnswer, operation: string): PreparedCall {
  return { operation, usageDelayMs: 0, threadLimited: () => answer, run: () => answer };
}

/** The name a call counts under in the server's statistics, e.g. `REST queryPost`. */
function operationName(target: RestTarget): string {
  if (target.kind === 'attachment') return `REST ${target.route.method}Attachment`;
  return `REST ${target.kind === 'entity' ? target.method : target.kind}`;
}

/**
 * The object endpoint a call counts against under the thread limit: the SOAP entity behind the
 * route (a child route counts under the child: the route's object), so that SOAP and REST calls on
 * Tickets share one endpoint (which endpoint production counts a child route under is not
 * documented: our choice); ThresholdInformation counts as SOAP's getThresholdAndUsageInfo does.
 */
function endpointOf(target: RestTarget): string {
  // Attachment routes count where SOAP's attachment calls do: under AttachmentInfo.
  if (target.kind === 'attachment') return 'attachmentinfo';
  return target.kind === 'entity' ? target.route.shape.meta.name.toLowerCase() : target.kind.toLowerCase();
}

function runSafely(tenant: Tenant, log: (line: string) => void, name: string, work: () => HttpAnswer): HttpAnswer {
  try {
    return work();
  } catch (error) {
    if (error instanceof RestRefusal) return errorAnswer(error.message, error.status);
    log(`simulator: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorAnswer(`The simulator failed to process the request: ${(error as Error).message}`);
  }
}

export function prepareRestCall(tenant: Tenant, log: (line: string) => void, target: RestTarget, request: RestRequest, body: string): PreparedCall {
  const name = operationName(target);
  if (target.kind === 'zoneInformation') return answered(zoneInformation(tenant, request.url, request.baseUrl), name);
  if (target.kind === 'versionInformation') return answered(versionInformation(), name);
  const caller = tenant.authenticate(restIdentity(request.headers));
  if ('refused' in caller) return answered(refusalAnswer(tenant, request.headers, caller), name);
  const withinThreshold = tenant.countRequest();
  if (!withinThreshold && target.kind !== 'thresholdInformation') {
    return answered(errorAnswer(thresholdExceededMessage(tenant.usage.threshold, tenant.usage.count()), TOO_MANY_REQUESTS), name);
  }
  const context: RestContext = { tenant, caller, baseUrl: request.baseUrl, url: request.url, body };
  const endpoint = endpointOf(target);
  return {
    operation: name,
    slot: { trackingId: caller.trackingId, endpoint },
    usageDelayMs: tenant.usageLatencyMs(),
    threadLimited: (limit) => errorAnswer(threadLimitMessage(limit, endpoint), TOO_MANY_REQUESTS),
    run: () =>
      runSafely(tenant, log, name, () => {
        if (target.kind === 'thresholdInformation') return thresholdInformation(context);
        if (target.kind === 'invoiceMarkup') return invoiceMarkupAnswer(context, target.invoiceId, target.format);
        if (target.kind === 'attachment') return attachmentAnswer(context, target.route);
        const route: EntityRoute = target.route;
        return ENTITY_OPERATIONS[target.method]({ ...context, route, method: target.method });
      }),
  };
}
