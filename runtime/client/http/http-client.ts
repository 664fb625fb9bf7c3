/**
 * HTTP for any wire: one keep-alive agent per connection, a timeout per attempt and a deadline for
 * the whole call, retries with backoff (or the server's `Retry-After`) for requests safe to repeat,
 * and the answer streamed chunk by chunk into the transport's reader (no body string is ever built
 * on the hot path), an answer larger than `maxAnswerBytes` being refused as it arrives. Which
 * statuses and content types are the wire's answer is the transport's to say (`AnswerHandling`).
 * Errors name the operation and HTTP status and quote the start of an unexpected body, redacted;
 * the options, agents and secrets are private (`#`) and the client inspects as its settings only.
 */
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspectCustom } from '../../protocol/inspect-custom.js';
import { AtwsError, AuthenticationError, TransportError } from '../../protocol/errors.js';
import { QUOTE_LOOKAHEAD, REDACTED, type Redactor } from '../../protocol/redaction.js';
import { DEADLINE_CODE, isTransient, mayHaveReachedServer, parseRetryAfter, retryDelay } from './retry-policy.js';
import type { DebugLog } from './debug-log.js';
import type { SupportFiles } from './support-files.js';
import type { AnswerHandling, HttpAnswer, HttpRequest, ResponseReader } from './http-types.js';

export type { AnswerHandling, HttpAnswer, HttpMethod, HttpRequest, ResponseReader } from './http-types.js';

export interface HttpClientOptions {
  /** Milliseconds one attempt may take, from sending to the last byte of the answer. */
  readonly timeoutMs: number;
  /** Milliseconds one call may take, all attempts and waits between them included. */
  readonly deadlineMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  /** An answer longer than this many bytes is refused (and the connection dropped) as soon as it passes it. */
  readonly maxAnswerBytes: number;
  readonly insecureSkipTlsVerify: boolean;
  readonly supportFiles: SupportFiles | undefined;
  /** One line per request, answer and retry (`connect({ debug })`); undefined when off. */
  readonly debug?: DebugLog | undefined;
  /** The redaction of this login's secrets, for every text quoted from an answer. */
  readonly redactor: Redactor;
}

const BODY_START_LENGTH = 300;
/** Idle sockets are dropped before a typical server's 5 s keep-alive timeout, so a reused socket is rarely stale. */
const FREE_SOCKET_TIMEOUT_MS = 4_000;

const grouped = (n: number): string => n.toLocaleString('en-US');

export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #httpAgent = new http.Agent({ keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS });
  readonly #httpsAgent: https.Agent;
  #requestCount = 0;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.#httpsAgent = new https.Agent({
      keepAlive: true,
      timeout: FREE_SOCKET_TIMEOUT_MS,
      rejectUnauthorized: !options.insecureSkipTlsVerify,
    });
  }

  /** Counts requests that went out (attempts included), for tests and benches. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /**
   * Sends a request and streams the answer into the transport's reader. Transient failures are
   * retried (after the server's `Retry-After`, else with backoff and jitter) when the request is
   * safe to repeat, until `retries` or the call's deadline runs out.
   */
  async send<T>(request: HttpRequest, handling: AnswerHandling<T>): Promise<HttpAnswer<T>> {
    const options = this.#options;
    const attempts = request.idempotent ? options.retries + 1 : 1;
    const debug = options.debug;
    const started = Date.now();
    const deadline = started + options.deadlineMs;
    /** Whether an attempt so far may have reached the server: then the call's outcome is never "not applied". */
    let reached = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer =
          debug === undefined
            ? await this.#attempt(request, handling, handling.reader(), deadline)
            : await debug.exchange(request, attempt + 1, handling.reader(), (reader) => this.#attempt(request, handling, reader, deadline));
        // A delete answered on a retry may find its entities gone: deleted by the try whose answer was lost.
        return attempt === 0 ? answer : { ...answer, attempts: attempt + 1 };
      } catch (error) {
        const cutShort = error instanceof TransportError && error.details.code === DEADLINE_CODE;
        if (!cutShort && !isTransient(error)) throw error;
        const made = attempt + 1;
        const delay = retryDelay(error, attempt, options.retryBaseDelayMs);
        const remaining = deadline - Date.now();
        const last = error as TransportError;
        if (made >= attempts || cutShort || delay >= remaining) {
          throw gaveUp(
            last,
            made,
            Date.now() - started,
            !cutShort && made < attempts
              ? `the next attempt's wait of ${grouped(delay)} ms would pass the deadline of ${grouped(options.deadlineMs)} ms`
              : undefined,
            reached,
          );
        }
        reached ||= mayHaveReachedServer(last);
        debug?.retry(request, made, delay, error);
        await sleep(delay);
      }
    }
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  /** Shows the settings only: never the agents (whose sockets hold requests) nor anything secret. */
  [inspectCustom](): string {
    const o = this.#options;
    return `HttpClient { timeoutMs: ${o.timeoutMs}, deadlineMs: ${o.deadlineMs}, retries: ${o.retries}, maxAnswerBytes: ${o.maxAnswerBytes}, requestCount: ${this.#requestCount} }`;
  }

  toJSON(): Record<string, number> {
    const o = this.#options;
    return {
      timeoutMs: o.timeoutMs,
      deadlineMs: o.deadlineMs,
      retries: o.retries,
      maxAnswerBytes: o.maxAnswerBytes,
      requestCount: this.#requestCount,
    };
  }

  #attempt<T>(request: HttpRequest, handling: AnswerHandling<T>, reader: ResponseReader<T>, deadline: number): Promise<HttpAnswer<T>> {
    const options = this.#options;
    const redact = (text: string): string => options.redactor.redact(text);
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> =
      body === undefined ? { ...request.headers } : { ...request.headers, 'Content-Length': String(body.length) };
    const secret = request.secretHeaders;
    const support = options.supportFiles;
    const supportBase = support?.begin(request.operation);
    if (support !== undefined && supportBase !== undefined) {
      // writeSent redacts the secret headers' values; their lines stay so the file shows the request was authenticated.
      const shown = secret === undefined ? headers : { ...headers, ...Object.fromEntries(Object.keys(secret).map((name) => [name, REDACTED])) };
      support.writeSent(supportBase, `${request.method} ${request.url}`, shown, request.body ?? '');
    }
    const operation = request.operation;
    const maxBytes = options.maxAnswerBytes;
    // The deadline of the whole call caps this attempt's timeout.
    const remaining = Math.max(1, deadline - Date.now());
    const byDeadline = remaining < options.timeoutMs;
    const timeoutMs = byDeadline ? remaining : options.timeoutMs;
    this.#requestCount++;

    return new Promise<HttpAnswer<T>>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(error);
      };
      const req = (isHttps ? https : http).request(url, {
        method: request.method,
        headers,
        agent: isHttps ? this.#httpsAgent : this.#httpAgent,
      });
      // Set on the request, not in its options: NODE_DEBUG=http prints the options the agent gets.
      for (const [name, value] of Object.entries(secret ?? {})) req.setHeader(name, value);
      const timer = setTimeout(() => {
        const why = byDeadline ? ` (the rest of the call's deadline of ${grouped(options.deadlineMs)} ms)` : '';
        fail(
          new TransportError(`${operation}: no complete answer from ${url.host} within ${grouped(timeoutMs)} ms${why}`, {
            operation,
            code: byDeadline ? DEADLINE_CODE : 'ETIMEDOUT',
          }),
        );
      }, timeoutMs);

      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof AtwsError) return fail(error);
        fail(
          new TransportError(
            `${operation}: request to ${url.host} failed: ${redact(error.message)}`,
            { operation, ...(error.code === undefined ? {} : { code: error.code }) },
            { cause: error },
          ),
        );
      });

      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers['content-type'] ?? '');
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after']) : undefined;
        const text = new StringDecoder('utf8');
        let bytes = 0;
        let bodyStart = '';
        const received: string[] | undefined = support === undefined ? undefined : [];
        const wireAnswer = handling.accepts(status, contentType);
        const take = (chunk: string): void => {
          if (bodyStart.length < BODY_START_LENGTH + QUOTE_LOOKAHEAD)
            bodyStart += chunk.slice(0, BODY_START_LENGTH + QUOTE_LOOKAHEAD - bodyStart.length);
          received?.push(chunk);
          if (!wireAnswer) return;
          try {
            reader.write(chunk);
          } catch (error) {
            fail(badAnswer(operation, status, handling.wire, options.redactor.quote(bodyStart, BODY_START_LENGTH), error, redact));
          }
        };
        res.on('data', (data: Buffer) => {
          if (settled) return;
          bytes += data.length;
          if (bytes > maxBytes) {
            return fail(
              new TransportError(
                `${operation}: the answer is larger than maxAnswerBytes (${grouped(maxBytes)} bytes); refused before reading it whole. Raise connect({ maxAnswerBytes }) if so large an answer is expected`,
                { operation, status, code: 'EANSWERTOOLARGE' },
              ),
            );
          }
          take(text.write(data));
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          fail(
            new TransportError(
              `${operation}: the answer broke off: ${redact(error.message)}`,
              { operation, status, ...(error.code === undefined ? {} : { code: error.code }) },
              { cause: error },
            ),
          );
        });
        res.on('aborted', () => {
          fail(new TransportError(`${operation}: the answer broke off`, { operation, code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          if (settled) return;
          const rest = text.end();
          if (rest !== '') take(rest);
          if (settled) return;
          if (support !== undefined && supportBase !== undefined && received !== undefined) {
            support.writeReceived(supportBase, `HTTP ${status} ${res.statusMessage ?? ''}`, contentType, received.join(''));
          }
          if (status === 401 || status === 403) {
            return fail(
              new AuthenticationError(
                `${operation}: Autotask refused the credentials${request.user === undefined ? '' : ` of user "${request.user}"`} (HTTP ${status})`,
                status,
              ),
            );
          }
          if (!wireAnswer) {
            const quoted = options.redactor.quote(bodyStart, BODY_START_LENGTH);
            const asked = retryAfterMs === undefined ? '' : `, Retry-After ${grouped(retryAfterMs)} ms`;
            return fail(
              new TransportError(
                `${operation}: unexpected HTTP ${status} answer (${contentType || 'no content type'}${asked}): ${JSON.stringify(quoted)}`,
                {
                  operation,
                  status,
                  bodyStart: quoted,
                  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
                },
              ),
            );
          }
          let value: T;
          try {
            value = reader.close();
          } catch (error) {
            return fail(badAnswer(operation, status, handling.wire, options.redactor.quote(bodyStart, BODY_START_LENGTH), error, redact));
          }
          settled = true;
          clearTimeout(timer);
          resolve({ status, value });
        });
      });
      if (body === undefined) req.end();
      else req.end(body);
    });
  }
}

/** The last attempt's error, saying how many attempts were made over how long (and why no more). */
function gaveUp(error: TransportError, attempts: number, elapsedMs: number, why: string | undefined, reachedBefore: boolean): TransportError {
  if (attempts === 1 && why === undefined) return error;
  const over = attempts === 1 ? `after ${grouped(elapsedMs)} ms` : `after ${attempts} attempts over ${grouped(elapsedMs)} ms`;
  const reached = reachedBefore ? { mayHaveReachedServer: true } : {};
  const earlier = reachedBefore ? ' (an earlier attempt may have reached the server)' : '';
  return new TransportError(
    `${error.message}; gave up ${over}${why === undefined ? '' : `: ${why}`}${earlier}`,
    { ...error.details, attempts, elapsedMs, ...reached },
    error.cause === undefined ? {} : { cause: error.cause },
  );
}

/** An accepted answer the reader could not read: the reader's own AtwsError, else a TransportError quoting the body's start. */
function badAnswer(operation: string, status: number, wire: string, bodyStart: string, error: unknown, redact: (text: string) => string): AtwsError {
  if (error instanceof AtwsError && !(error.name === 'XmlSyntaxError')) return error;
  const reason = redact(error instanceof Error ? error.message : String(error));
  return new TransportError(
    `${operation}: HTTP ${status} answer is not the ${wire} expected (${reason}): ${JSON.stringify(bodyStart)}`,
    {
      operation,
      status,
      bodyStart,
    },
    { cause: error },
  );
}
