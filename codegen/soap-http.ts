/**
 * The `soap` package's HTTP client, replaced by the bounded one (codegen/bounded-http.ts) for the
 * WSDL it reads and every call it makes: its own client has no timeout, reads answers of any size
 * whole, and hands a malformed answer to a parser that builds it as objects and reports it as
 * `[object Object]`. soap then sees only answers that are complete, within the limits and
 * well-formed.
 */
import type { IHttpClient } from 'soap';
import { boundedRequest, type HttpLimits } from './bounded-http.js';

type SoapCallback = (error: unknown, response?: unknown, body?: unknown) => unknown;

/** The operation a SOAP request asks for, from its SOAPAction (`"http://autotask.net/ATWS/v1_6/getEntityInfo"`). */
function operationOf(headers: Record<string, unknown>): string {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'soapaction');
  const action = String(name === undefined ? '' : headers[name]).replace(/"/g, '');
  return action.slice(action.lastIndexOf('/') + 1) || 'POST';
}

/**
 * soap's `httpClient` option: `request(url, data, callback, headers)` as soap calls it (a GET for
 * the WSDL and its imports when `data` is empty, a POST of the envelope otherwise).
 *
 * @example soap.createClientAsync(wsdl, { httpClient: boundedSoapHttpClient(DEFAULT_HTTP_LIMITS) }, endpoint)
 */
export function boundedSoapHttpClient(limits: HttpLimits): IHttpClient {
  const client = {
    request(url: string, data: unknown, callback: SoapCallback, exheaders: Record<string, unknown> = {}): void {
      const headers: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(exheaders))
        if (value !== undefined && value !== null) headers[name] = typeof value === 'number' ? value : String(value);
      const body = typeof data === 'string' && data !== '' ? data : undefined;
      if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body, 'utf8');
      boundedRequest(
        url,
        {
          method: body === undefined ? 'GET' : 'POST',
          headers,
          ...(body === undefined ? {} : { body }),
          what: body === undefined ? 'GET' : operationOf(exheaders),
        },
        limits,
      ).then(
        (answer) => {
          const response = { status: answer.status, statusText: answer.statusText, headers: answer.headers, data: answer.text };
          callback(null, response, answer.text);
        },
        (error: unknown) => callback(error),
      );
    },
  };
  return client as unknown as IHttpClient;
}
