/**
 * The SOAP front: Autotask's paths `/atservices/1.5|1.6/atws.asmx` (POST, SOAP 1.1) and the WSDL
 * at `atws.wsdl` (also `atws.asmx?WSDL`, as ASP.NET serves it), matched without regard to case;
 * the WSDL's `soap:address` is this server's asmx URL as the client reached it.
 */
import type { ApiVersion } from 'atws/protocol';
import type { FrontRoute, HttpFront } from '../http/front.js';
import type { Tenant } from '../tenant/tenant.js';
import type { ApiVersionSpec } from './api-versions.js';
import { prepareSoapCall } from './router.js';
import { parseBasicAuth } from './basic-auth.js';
import { UNAUTHORIZED, XML_CONTENT_TYPE } from './soap-answer.js';

const PATH = /^\/atservices\/(1\.5|1\.6)\/atws\.(wsdl|asmx)$/i;

export function soapFront(tenant: Tenant, versions: ReadonlyMap<ApiVersion, ApiVersionSpec>, log: (line: string) => void): HttpFront {
  return {
    name: 'soap',
    where: 'ATWS lives at /atservices/1.6/atws.asmx (WSDL: atws.wsdl).',
    route(request): FrontRoute | undefined {
      const { url } = request;
      const match = PATH.exec(url.pathname);
      const api = match ? versions.get(match[1] as ApiVersion) : undefined;
      if (!match || !api) return undefined;
      const asmxUrl = `${request.baseUrl}/atservices/${api.version}/atws.asmx`;
      const kind = match[2]?.toLowerCase();
      // ASP.NET also serves the WSDL at atws.asmx?WSDL; some SOAP stacks ask there.
      const wantsWsdl = kind === 'wsdl' || [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl');
      if (request.method === 'GET' && wantsWsdl) {
        return { kind: 'answer', answer: { status: 200, contentType: XML_CONTENT_TYPE, body: api.wsdl(asmxUrl) } };
      }
      if (request.method !== 'POST' || kind !== 'asmx') {
        return {
          kind: 'answer',
          answer: {
            status: 405,
            contentType: 'text/plain; charset=utf-8',
            headers: { Allow: 'POST' },
            body: `Use POST for SOAP requests to ${url.pathname}, or GET atws.wsdl for the WSDL.`,
          },
        };
      }
      const authorization = request.headers.authorization;
      const router = { tenant, api, log };
      return {
        kind: 'call',
        call: {
          // HTTP Basic is in the headers: checked before the body is read (getZoneInfo needs none).
          authenticated: tenant.credentialsMatch(parseBasicAuth(authorization)),
          unauthenticated: () => UNAUTHORIZED,
          prepare: (body) => prepareSoapCall(router, { body, authorization, asmxUrl, baseUrl: request.baseUrl }),
        },
      };
    },
  };
}
