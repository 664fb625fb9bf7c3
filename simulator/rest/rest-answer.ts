/**
 * The forms of REST answers: JSON bodies; errors as `{"errors": [...]}` (an array of strings, as the
 * create/delete pages and production show) with a non-200 status (500 in the normal case: "treat any
 * response other than 200 as an error state"); and ASP.NET Web API's own `{"Message": ...}` bodies
 * for a URL no route serves (404) or a method its route lacks (405: "The requested resource does not
 * support http method 'GET'.", seen from production in Anteris-Dev/autotask-client issue #12,
 * WYRE-AI/autotask-mcp issue #9 and pull request #170).
 */
import type { HttpAnswer } from '../http/front.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonAnswer(status: number, body: unknown, headers?: Readonly<Record<string, string>>): HttpAnswer {
  return { status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(body), ...(headers === undefined ? {} : { headers }) };
}

export const ok = (body: unknown): HttpAnswer => jsonAnswer(200, body);

/** `{"errors": [...]}` with `status` (500 unless said otherwise). */
export function errorAnswer(messages: string | readonly string[], status = 500): HttpAnswer {
  return jsonAnswer(status, { errors: typeof messages === 'string' ? [messages] : [...messages] });
}

/** 405 as ASP.NET Web API answers a method its route lacks, with the methods it has in `Allow`. */
export function methodNotAllowed(method: string, allowed: readonly string[]): HttpAnswer {
  return jsonAnswer(405, { Message: `The requested resource does not support http method '${method}'.` }, { Allow: allowed.join(', ') });
}

/**
 * 404 in ASP.NET Web API's form (production's 404 body was not observed: our choice), with a
 * `MessageDetail` that says what was not found.
 */
export function notFound(uri: string, detail: string): HttpAnswer {
  return jsonAnswer(404, { Message: `No HTTP resource was found that matches the request URI '${uri}'.`, MessageDetail: detail });
}

/** A request the API refuses with `{"errors": [...]}`: thrown by operations, answered by the call. */
export class RestRefusal extends Error {
  override readonly name = 'RestRefusal';
  constructor(
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }
}
