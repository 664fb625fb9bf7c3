/**
 * The REST front: Autotask's REST API v1.0 under `/ATServicesRest/` (matched without regard to
 * case, as production's IIS does), over the same tenant as the SOAP front, so that what one writes
 * the other reads. Routes (rest-routes.ts) are answered from the request line when they are 404 or
 * 405; every other request is a call, its credentials read from the headers before its body.
 */
import type { FrontRoute, HttpFront } from '../http/front.js';
import type { Tenant } from '../tenant/tenant.js';
import { notFound } from './rest-answer.js';
import { restCredentials, UNAUTHORIZED } from './rest-auth.js';
import { prepareRestCall } from './rest-call.js';
import { queryParameter } from './rest-context.js';
import { resolveRestRoute } from './rest-routes.js';

const PREFIX = /^\/atservicesrest(?=\/|$)/i;

/** The decoded, non-empty path segments after the prefix; undefined when one does not decode. */
function segmentsOf(path: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
  }
  return segments;
}

export function restFront(tenant: Tenant, log: (line: string) => void): HttpFront {
  return {
    name: 'rest',
    where: 'The REST API v1.0 lives at /ATServicesRest/V1.0/ (zone information: /ATServicesRest/V1.0/zoneInformation?user=...).',
    route(request): FrontRoute | undefined {
      const { url, method, headers, baseUrl } = request;
      const prefix = PREFIX.exec(url.pathname);
      if (!prefix) return undefined;
      const uri = `${baseUrl}${url.pathname}${url.search}`;
      const segments = segmentsOf(url.pathname.slice(prefix[0].length));
      if (segments === undefined) return { kind: 'answer', answer: notFound(uri, 'The path does not decode.') };
      const resolution = resolveRestRoute(tenant, method, uri, segments, queryParameter(url, 'search') !== undefined);
      if ('answer' in resolution) return { kind: 'answer', answer: resolution.answer };
      const { target } = resolution;
      const anonymous = target.kind === 'zoneInformation' || target.kind === 'versionInformation';
      return {
        kind: 'call',
        call: {
          // The credentials are headers: checked before the body is read (zone and version discovery need none).
          authenticated: !anonymous && tenant.credentialsMatch(restCredentials(headers)),
          unauthenticated: () => UNAUTHORIZED,
          prepare: (body) => prepareRestCall(tenant, log, target, { headers, url, baseUrl }, body),
        },
      };
    },
  };
}
