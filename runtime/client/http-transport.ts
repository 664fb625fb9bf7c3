/**
 * HTTP for SOAP: one keep-alive agent per connection, a timeout per request, retries with backoff
 * for operations safe to repeat, and the answer streamed chunk by chunk into a reader (no body
 * string is ever built on the hot path). Errors name the operation and HTTP status and quote the
 * start of an unexpected body; they never hold the password or the Authorization header.
 */
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { AtwsError, AuthenticationError, TransportError } from '../errors.js';
import { backoffDelay, isRepeatable, isTransient } from './retry-policy.js';
import type { DebugLog } from './debug-log.js';
import type { SupportFiles } from './support-files.js';

/** Consumes one answer's text as it arrives; a fresh reader is made for every attempt. */
export interface ResponseReader<T> {
  write(chunk: string): void;
  close(): T;
}

export interface SoapRequest {
  /** The WSDL operation name, for errors and the retry decision. */
  readonly operation: string;
  readonly soapAction: string;
  /** The whole SOAP envelope. */
  readonly envelope: string;
}

export interface SoapAnswer<T> {
  readonly status: number;
  readonly value: T;
  /** How many times the request went out to get this answer (retries included). */
  readonly attempts?: number;
}

export interface TransportOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  readonly insecureSkipTlsVerify: boolean;
  readonly supportFiles: SupportFiles | undefined;
  /** One line per request, answer and retry (`connect({ debug })`); undefined when off. */
  readonly debug?: DebugLog | undefined;
}

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

const BODY_START_LENGTH = 300;
/** Idle sockets are dropped before a typical server's 5 s keep-alive timeout, so a reused socket is rarely stale. */
const FREE_SOCKET_TIMEOUT_MS = 4_000;

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS });
  private readonly httpsAgent: https.Agent;
  /** Counts requests that went out (attempts included), for tests and benches. */
  requestCount = 0;

  constructor(private readonly options: TransportOptions) {
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      timeout: FREE_SOCKET_TIMEOUT_MS,
      rejectUnauthorized: !options.insecureSkipTlsVerify,
    });
  }

  /**
   * Posts a SOAP request and streams the answer into a reader. Transient failures are retried
   * (with backoff and jitter) when the operation is safe to repeat.
   */
  async post<T>(
    endpoint: string,
    request: SoapRequest,
    makeReader: () => ResponseReader<T>,
    credentials: Credentials | undefined,
  ): Promise<SoapAnswer<T>> {
    const attempts = isRepeatable(request.operation) ? this.options.retries + 1 : 1;
    const debug = this.options.debug;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer =
          debug === undefined
            ? await this.attempt(endpoint, request, makeReader(), credentials)
            : await debug.exchange(endpoint, request, attempt + 1, makeReader(), (reader) => this.attempt(endpoint, request, reader, credentials));
        // A delete answered on a retry may find its entities gone: deleted by the try whose answer was lost.
        return attempt === 0 ? answer : { ...answer, attempts: attempt + 1 };
      } catch (error) {
        if (attempt + 1 >= attempts || !isTransient(error)) throw error;
        const delay = backoffDelay(attempt, this.options.retryBaseDelayMs);
        debug?.retry(request, attempt + 1, delay, error);
        await sleep(delay);
      }
    }
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private attempt<T>(
    endpoint: string,
    request: SoapRequest,
    reader: ResponseReader<T>,
    credentials: Credentials | undefined,
  ): Promise<SoapAnswer<T>> {
    const url = new URL(endpoint);
    const isHttps = url.protocol === 'https:';
    const body = Buffer.from(request.envelope, 'utf8');
    const headers: Record<string, string> = {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"${request.soapAction}"`,
      'Content-Length': String(body.length),
    };
    const authorization =
      credentials === undefined ? undefined : 'Basic ' + Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
    const support = this.options.supportFiles;
    const supportBase = support?.begin();
    if (support !== undefined && supportBase !== undefined) {
      // writeSent redacts the Authorization value; the line stays so the file shows the request was authenticated.
      support.writeSent(supportBase, `POST ${endpoint}`, authorization === undefined ? headers : { ...headers, Authorization: authorization }, request.envelope);
    }
    const operation = request.operation;
    this.requestCount++;

    return new Promise<SoapAnswer<T>>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(error);
      };
      const req = (isHttps ? https : http).request(url, {
        method: 'POST',
        headers,
        agent: isHttps ? this.httpsAgent : this.httpAgent,
      });
      // Set on the request, not in its options: NODE_DEBUG=http prints the options the agent gets.
      if (authorization !== undefined) req.setHeader('Authorization', authorization);
      const timer = setTimeout(() => {
        fail(new TransportError(`${operation}: no complete answer from ${url.host} within ${this.options.timeoutMs} ms`, { operation, code: 'ETIMEDOUT' }));
      }, this.options.timeoutMs);

      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof AtwsError) return fail(error);
        fail(
          new TransportError(`${operation}: request to ${url.host} failed: ${error.message}`, { operation, ...(error.code === undefined ? {} : { code: error.code }) }, { cause: error }),
        );
      });

      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers['content-type'] ?? '');
        res.setEncoding('utf8');
        let bodyStart = '';
        const received: string[] | undefined = support === undefined ? undefined : [];
        const xmlAnswer = (status === 200 || status === 500) && (contentType === '' || /xml/i.test(contentType));
        res.on('data', (chunk: string) => {
          if (settled) return;
          if (bodyStart.length < BODY_START_LENGTH) bodyStart += chunk.slice(0, BODY_START_LENGTH - bodyStart.length);
          received?.push(chunk);
          if (!xmlAnswer) return;
          try {
            reader.write(chunk);
          } catch (error) {
            fail(badAnswer(operation, status, bodyStart, error));
          }
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          fail(new TransportError(`${operation}: the answer broke off: ${error.message}`, { operation, status, ...(error.code === undefined ? {} : { code: error.code }) }, { cause: error }));
        });
        res.on('aborted', () => {
          fail(new TransportError(`${operation}: the answer broke off`, { operation, code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          if (settled) return;
          if (support !== undefined && supportBase !== undefined && received !== undefined) {
            support.writeReceived(supportBase, `HTTP ${status} ${res.statusMessage ?? ''}`, received.join(''));
          }
          if (status === 401 || status === 403) {
            return fail(
              new AuthenticationError(
                `${operation}: Autotask refused the credentials${credentials === undefined ? '' : ` of user "${credentials.username}"`} (HTTP ${status})`,
                status,
              ),
            );
          }
          if (!xmlAnswer) {
            return fail(
              new TransportError(`${operation}: unexpected HTTP ${status} answer (${contentType || 'no content type'}): ${JSON.stringify(bodyStart)}`, {
                operation,
                status,
                bodyStart,
              }),
            );
          }
          let value: T;
          try {
            value = reader.close();
          } catch (error) {
            return fail(badAnswer(operation, status, bodyStart, error));
          }
          settled = true;
          clearTimeout(timer);
          resolve({ status, value });
        });
      });
      req.end(body);
    });
  }
}

function badAnswer(operation: string, status: number, bodyStart: string, error: unknown): AtwsError {
  if (error instanceof AtwsError && !(error.name === 'XmlSyntaxError')) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new TransportError(`${operation}: HTTP ${status} answer is not the SOAP expected (${reason}): ${JSON.stringify(bodyStart)}`, {
    operation,
    status,
    bodyStart,
  }, { cause: error });
}
