/**
 * `connect({ debug })` (or `ATWS_DEBUG=1`): one line per request, answer, failure and retry, with
 * what a support question needs (operation, URL, attempt, HTTP status, bytes, milliseconds) and
 * nothing secret: no headers, no bodies, the URL without any user info, and every line passed
 * through the same redaction as the support files in case an error message quotes a secret.
 */
import { performance } from 'node:perf_hooks';
import { inspectCustom } from '../../protocol/inspect-custom.js';
import type { Redactor } from '../../protocol/redaction.js';
import type { HttpAnswer, HttpRequest, ResponseReader } from './http-types.js';

/** Where debug lines go: `true` is stderr. */
export type DebugOption = boolean | ((line: string) => void);

/** The environment variable that turns debug logging on (to stderr) when `debug` is not given. */
export const DEBUG_ENV = 'ATWS_DEBUG';

/** The line sink for a `debug` option, or undefined when logging is off. */
export function debugSink(
  option: DebugOption | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ((line: string) => void) | undefined {
  if (typeof option === 'function') return option;
  const on = option ?? /^(1|true|yes|on)$/i.test(env[DEBUG_ENV] ?? '');
  return on ? (line) => void process.stderr.write(`${line}\n`) : undefined;
}

/** The URL as logged: without user name and password, query or fragment. */
function loggedUrl(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Writes the debug lines of one connection.
 *
 * @example
 * const log = new DebugLog((line) => console.error(line), Redactor.of({ username, password, integrationCode }));
 */
export class DebugLog {
  readonly #sink: (line: string) => void;
  readonly #redactor: Redactor;

  constructor(sink: (line: string) => void, redactor: Redactor) {
    this.#sink = sink;
    this.#redactor = redactor;
  }

  [inspectCustom](): string {
    return 'DebugLog {}';
  }

  toJSON(): Record<string, never> {
    return {};
  }

  /**
   * Runs one attempt of a request, logging it as it goes out and as it ends (answered or failed).
   * The reader handed to `run` counts the bytes of the answer.
   */
  async exchange<T>(
    request: HttpRequest,
    attempt: number,
    reader: ResponseReader<T>,
    run: (reader: ResponseReader<T>) => Promise<HttpAnswer<T>>,
  ): Promise<HttpAnswer<T>> {
    const url = loggedUrl(request.url);
    const name = `${request.operation} #${attempt}`;
    this.line(`atws -> ${name} ${request.method} ${url} ${Buffer.byteLength(request.body ?? '', 'utf8')} bytes`);
    let bytes = 0;
    const counting: ResponseReader<T> = {
      write(chunk) {
        bytes += Buffer.byteLength(chunk, 'utf8');
        reader.write(chunk);
      },
      close: () => reader.close(),
    };
    const started = performance.now();
    try {
      const answer = await run(counting);
      this.line(`atws <- ${name} HTTP ${answer.status} ${bytes} bytes ${elapsed(started)} ms`);
      return answer;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const http = typeof status === 'number' ? `HTTP ${status} ` : '';
      this.line(`atws x- ${name} ${http}failed after ${elapsed(started)} ms (${bytes} bytes read): ${describeError(error)}`);
      throw error;
    }
  }

  /** Logs that a failed attempt will be repeated after a delay. */
  retry(request: HttpRequest, failedAttempt: number, delayMs: number, error: unknown): void {
    const asked = (error as { details?: { retryAfterMs?: unknown } }).details?.retryAfterMs;
    const why = typeof asked === 'number' ? ' (as Retry-After asked)' : '';
    this.line(`atws retry ${request.operation} #${failedAttempt + 1} in ${delayMs} ms${why} after ${describeError(error)}`);
  }

  private line(text: string): void {
    this.#sink(this.#redactor.redact(text));
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
