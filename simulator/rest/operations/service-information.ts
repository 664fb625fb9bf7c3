/**
 * The routes that name no entity: zone and version discovery (anonymous) and the usage threshold.
 *
 * - `GET /atservicesrest/v1.0/zoneInformation?user=<name>` needs no login ("ZoneInformation
 *   (non-authenticated)" in the Postman collection; no client sends credentials) and answers the
 *   swagger's ZoneInformationResultModel `{zoneName, url, webUrl, ci}`, `url` the REST base as
 *   production writes it, `.../ATServicesRest/` (KelvinTegelaar/AutotaskAPI issues #14 and #62
 *   print it; the apigrate client appends `V1.0/...` to it). An unknown or missing user is 500
 *   `Zone information could not be determined` (apigrate README; django-autotask: "AT returns 500
 *   if username is blank or incorrect").
 * - `GET /atservicesrest/versioninformation`, anonymous: `{"apiVersions": ["V1.0"]}` (the swagger's
 *   ApiVersionResultModel; go-autotask CHANGELOG 1.2.0, "API returns apiVersions"; KelvinTegelaar
 *   takes the last one as the path segment).
 * - `GET /V1.0/ThresholdInformation`: `{externalRequestThreshold, requestThresholdTimeframe,
 *   currentTimeframeRequestCount}` (the swagger's ThresholdStatusResultModel), the one usage window
 *   SOAP's getThresholdAndUsageInfo reports too.
 * - `GET /V1.0/Invoices/{id}/InvoiceMarkupHtml` and `.../InvoiceMarkupXml`: `{"invoiceMarkup": string}`
 *   (the swagger's InvoiceMarkupResultModel), the markup SOAP's GetInvoiceMarkup renders. An
 *   unknown invoice is refused in the API's `{"errors": [...]}` shape with 500 (its status and
 *   words for that case are not documented: searched the REST help and client issues).
 */
import type { HttpAnswer } from '../../http/front.js';
import type { Tenant } from '../../tenant/tenant.js';
import { errorAnswer, ok } from '../rest-answer.js';
import { invoiceMarkup } from '../../tenant/invoice-markup.js';
import { queryParameter, type RestContext } from '../rest-context.js';
import { REST_BASE_PATH } from '../rest-routes.js';

export const API_VERSIONS = ['V1.0'] as const;

export function zoneInformation(tenant: Tenant, url: URL, baseUrl: string): HttpAnswer {
  const user = queryParameter(url, 'user')?.trim() ?? '';
  if (user === '' || !tenant.isApiUser(user)) return errorAnswer('Zone information could not be determined');
  return ok({ zoneName: 'Simulator', url: `${baseUrl}${REST_BASE_PATH}`, webUrl: `${baseUrl}/`, ci: 1 });
}

export function versionInformation(): HttpAnswer {
  return ok({ apiVersions: [...API_VERSIONS] });
}

export function thresholdInformation(call: RestContext): HttpAnswer {
  const usage = call.tenant.usageInfo();
  return ok({
    externalRequestThreshold: usage.threshold,
    requestThresholdTimeframe: usage.timeframeMinutes,
    currentTimeframeRequestCount: usage.count,
  });
}

export function invoiceMarkupAnswer(call: RestContext, invoiceId: number, format: 'HTML' | 'XML'): HttpAnswer {
  const invoice = call.tenant.invoice(invoiceId);
  if (invoice === undefined) return errorAnswer(`Invoice ${invoiceId} does not exist.`);
  return ok({ invoiceMarkup: invoiceMarkup(invoice, format) });
}
