/**
 * One connection's REST requests on the shared HTTP layer: the zone's `.../ATServicesRest/` base,
 * the credential headers (ApiIntegrationCode, UserName, Secret, ImpersonationResourceId: sent,
 * never shown; support files list them redacted), JSON bodies, and every JSON answer read whole and
 * turned into a value or a typed error:
 * - `{"errors": [...]}` (500 or a 400-series status, "Creating resources via POST request in the
 *   REST API": "treat any response other than 200 as an error state") -> ApiError with the messages;
 *   an ASP.NET `{"Message": ...}` (405, 404) the same;
 * - the thread limit (429, "thread threshold of 3 threads has been exceeded", reported from
 *   production) -> ThreadLimitError; the hourly threshold -> ThresholdExceededError;
 * - 401 -> AuthenticationError (the HTTP layer, for any wire);
 * - a 429 or 5xx that is no JSON answer (an IIS page) -> TransportError, retried where safe.
 */
import { inspect } from 'node:util';
import { THREAD_LIMIT_REFUSAL, THRESHOLD_REFUSAL } from '../../protocol/limits.js';
import { ApiError } from '../transport/api-error.js';
import { ThreadLimitError, ThresholdExceededError } from '../transport/limit-errors.js';
import type { AnswerHandling, HttpClient, HttpMethod, ResponseReader } from '../http/http-client.js';

/** What a REST call sends as the API user. */
export interface RestCredentials {
  readonly username: string;
  readonly secret: string;
  readonly integrationCode: string | undefined;
  readonly impersonateAsResourceId: number | undefined;
}

/** One REST request, relative to the zone's versioned base (`Tickets/query`). */
export interface RestRequest {
  readonly method: HttpMethod;
  /** Path under `.../ATServicesRest/V1.0/`, query string included. */
  readonly path: string;
  /** The operation named in errors, debug lines and support files (`query`, `create`, `GetFieldInfo`). */
  readonly operation: string;
  readonly body?: string;
  /** Safe to send again after a failure that may have reached the server (never a create). */
  readonly idempotent: boolean;
}

/** A JSON answer the API gave with a status of 200. */
export interface RestAnswer {
  readonly value: unknown;
  readonly attempts: number;
}

/** `{"errors": ["..."]}` strings (or `{message}` objects), or an ASP.NET `{"Message": "..."}`. */
export function errorMessages(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const record = body as { errors?: unknown; Message?: unknown; message?: unknown };
  if (Array.isArray(record.errors)) {
    return record.errors.map((e) =>
      typeof e === 'string'
        ? e
        : e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
          ? (e as { message: string }).message
          : JSON.stringify(e),
    );
  }
  const message = record.Message ?? record.message;
  return typeof message === 'string' ? [message] : [];
}

/** The typed error of a refused REST call. */
export function refusalError(operation: string, status: number, body: unknown): ApiError {
  const messages = errorMessages(body);
  const text = `${operation}: HTTP ${status}: ${messages.join('; ') || 'the API refused the call with no message'}`;
  if (messages.some((m) => THREAD_LIMIT_REFUSAL.test(m))) return new ThreadLimitError(text, { operation, messages });
  if (operation !== 'getThresholdAndUsageInfo' && messages.some((m) => THRESHOLD_REFUSAL.test(m)))
    return new ThresholdExceededError(text, { operation, messages });
  return new ApiError(text, { operation, messages });
}

/** A JSON answer read whole; a status other than 200 becomes the refusal's error. */
function jsonAnswer(operation: string): AnswerHandling<unknown> {
  let status = 0;
  return {
    accepts: (answerStatus, contentType) => {
      status = answerStatus;
      // 429 and 5xx without JSON are no answer of the API's (a proxy's page): the HTTP layer retries them.
      return /json/i.test(contentType) || (contentType === '' && answerStatus === 200);
    },
    reader: (): ResponseReader<unknown> => {
      const chunks: string[] = [];
      return {
        write: (chunk) => void chunks.push(chunk),
        close: () => {
          const text = chunks.join('');
          const body: unknown = text.trim() === '' ? undefined : JSON.parse(text);
          if (status !== 200) throw refusalError(operation, status, body);
          return body;
        },
      };
    },
    wire: 'REST JSON',
  };
}

export class RestClient {
  /** The zone's versioned base, `https://webservicesN.autotask.net/ATServicesRest/V1.0/`. */
  readonly base: string;
  readonly #http: HttpClient;
  readonly #credentials: RestCredentials;

  constructor(base: string, http: HttpClient, credentials: RestCredentials) {
    this.base = base.endsWith('/') ? base : `${base}/`;
    this.#http = http;
    this.#credentials = credentials;
  }

  get username(): string {
    return this.#credentials.username;
  }

  /** Sends a request; resolves to the parsed JSON of a 200 answer. */
  async send(request: RestRequest): Promise<RestAnswer> {
    const c = this.#credentials;
    const secretHeaders: Record<string, string> = { UserName: c.username, Secret: c.secret };
    if (c.integrationCode !== undefined) secretHeaders['ApiIntegrationCode'] = c.integrationCode;
    if (c.impersonateAsResourceId !== undefined) secretHeaders['ImpersonationResourceId'] = String(c.impersonateAsResourceId);
    const answer = await this.#http.send(
      {
        method: request.method,
        url: this.base + request.path,
        operation: request.operation,
        headers:
          request.body === undefined
            ? { Accept: 'application/json' }
            : { Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8' },
        secretHeaders,
        ...(request.body === undefined ? {} : { body: request.body }),
        idempotent: request.idempotent,
        user: c.username,
      },
      jsonAnswer(request.operation),
    );
    return { value: answer.value, attempts: answer.attempts ?? 1 };
  }

  [inspect.custom](): string {
    return `RestClient ${inspect(this.toJSON())}`;
  }

  toJSON(): { base: string; user: string } {
    return { base: this.base, user: this.username };
  }
}

/** An anonymous GET (zone discovery): no credential headers. */
export async function anonymousGet(http: HttpClient, url: string, operation: string): Promise<unknown> {
  const answer = await http.send({ method: 'GET', url, operation, headers: { Accept: 'application/json' }, idempotent: true }, jsonAnswer(operation));
  return answer.value;
}
