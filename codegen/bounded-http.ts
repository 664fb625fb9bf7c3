/**
 * HTTP for `atws codegen pull` (the WSDL read and, through the `soap` package, every SOAP call;
 * with `--transport rest`, every REST call), bounded so that a silent, endless or malformed endpoint ends the pull with a clear error naming
 * the URL: each request has a timeout from sending to the last byte of the answer, the answer is
 * counted as it arrives and the connection dropped as soon as it passes the size limit (it is never
 * held whole), and an XML answer is checked as it streams in (well-formed, nested no deeper than
 * MAX_XML_DEPTH, the client's own bound), so that a malformed one fails at its first bad byte, in bounded memory,
 * before anything builds a tree of it. A REST (JSON) answer is read within the same limits and
 * parsed by its caller once complete.
 */
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { quote } from 'atws/protocol';
import { MAX_XML_DEPTH } from 'atws/protocol/soap';
import { CodegenError } from './codegen-error.js';
import { publicLocation } from './location.js';

export interface HttpLimits {
  /** Milliseconds one request may take, from sending it to the last byte of its answer. */
  readonly timeoutMs: number;
  /** An answer longer than this many bytes is refused as soon as it passes it. */
  readonly maxAnswerBytes: number;
}

/** `--timeout 60`, `--max-answer-mb 64`: a real zone's WSDL is about 1 MB, its largest answers a few. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = { timeoutMs: 60_000, maxAnswerBytes: 64 * 1024 * 1024 };

const MAX_REDIRECTS = 5;
/** The headers that carry a login: SOAP's Basic authorization, REST's UserName, Secret, ApiIntegrationCode and ImpersonationResourceId. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'username', 'secret', 'apiintegrationcode', 'impersonationresourceid']);
const QUOTED_START = 200;

export interface BoundedRequest {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body?: string;
  /** What errors call the request: `GET`, the SOAP operation, or the REST call. */
  readonly what: string;
  /**
   * `xml` (the default): a 2xx answer, or one declared XML, is checked as it streams in. `json`: a
   * REST answer, parsed whole by the caller once it is complete (within the size limit).
   */
  readonly answer?: 'xml' | 'json';
}

export interface BoundedAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

const grouped = (n: number): string => n.toLocaleString('en-US');

/**
 * Sends a request and reads its answer as text, within the limits. A 2xx answer, or one declared
 * XML, must be well-formed XML. Redirects of a GET are followed (credentials only to the same origin).
 *
 * @example const answer = await boundedRequest(url, { method: 'GET', headers: {}, what: 'GET' }, DEFAULT_HTTP_LIMITS);
 */
export async function boundedRequest(location: string, request: BoundedRequest, limits: HttpLimits): Promise<BoundedAnswer> {
  let url = new URL(location);
  let headers = { ...request.headers };
  for (let redirects = 0; ; redirects++) {
    const answer = await once(url, request, headers, limits);
    const target = answer.headers.location;
    if (request.method !== 'GET' || answer.status < 300 || answer.status > 399 || target === undefined) return answer;
    if (redirects >= MAX_REDIRECTS) throw new CodegenError(publicLocation(location), `${request.what}: more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(target, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      throw new CodegenError(publicLocation(url.href), `${request.what}: redirected to a ${next.protocol} URL`);
    // Credentials go to the origin they were given for, not wherever a redirect points.
    if (next.origin !== url.origin)
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
    url = next;
  }
}

function once(url: URL, request: BoundedRequest, headers: Record<string, string | number>, limits: HttpLimits): Promise<BoundedAnswer> {
  const label = publicLocation(url.href);
  const fail = (problem: string, cause?: unknown): CodegenError =>
    new CodegenError(label, `${request.what}: ${problem}`, cause === undefined ? {} : { cause });
  return new Promise<BoundedAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: CodegenError | undefined, answer?: BoundedAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        req.destroy();
        reject(error);
      } else resolve(answer as BoundedAnswer);
    };
    const req = (url.protocol === 'https:' ? https : http).request(url, { method: request.method, headers });
    const timer = setTimeout(() => finish(fail(`no complete answer within ${grouped(limits.timeoutMs)} ms (--timeout)`)), limits.timeoutMs);
    req.on('error', (error) => finish(fail(`the request failed: ${error.message}`, error)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const checked = request.answer !== 'json' && ((status >= 200 && status <= 299) || /xml/i.test(String(res.headers['content-type'] ?? '')));
      const xml = checked ? new XmlCheck() : undefined;
      const text = new StringDecoder('utf8');
      const parts: string[] = [];
      let start = '';
      let bytes = 0;
      const take = (chunk: string): void => {
        parts.push(chunk);
        if (start.length < QUOTED_START * 2) start += chunk.slice(0, QUOTED_START * 2 - start.length);
        const problem = xml?.write(chunk);
        if (problem !== undefined)
          finish(fail(`the answer is not well-formed XML (${problem}): ${JSON.stringify(quote(start, QUOTED_START, '...'))}`));
      };
      res.on('data', (data: Buffer) => {
        if (settled) return;
        bytes += data.length;
        if (bytes > limits.maxAnswerBytes) {
          return finish(fail(`the answer is larger than ${grouped(limits.maxAnswerBytes)} bytes (--max-answer-mb); stopped reading it`));
        }
        take(text.write(data));
      });
      res.on('error', (error) => finish(fail(`the answer broke off: ${error.message}`, error)));
      res.on('aborted', () => finish(fail('the answer broke off')));
      res.on('end', () => {
        if (settled) return;
        const rest = text.end();
        if (rest !== '') take(rest);
        const problem = xml?.close();
        if (problem !== undefined)
          finish(fail(`the answer is not well-formed XML (${problem}): ${JSON.stringify(quote(start, QUOTED_START, '...'))}`));
        finish(undefined, { status, statusText: res.statusMessage ?? '', headers: res.headers, text: parts.join('') });
      });
    });
    req.end(request.body);
  });
}

/** A streaming well-formedness and depth check: no tree is built, so memory stays flat whatever the answer. */
class XmlCheck {
  readonly #parser = new SaxesParser({ position: true });
  #depth = 0;
  #problem: string | undefined;

  constructor() {
    this.#parser.on('opentag', () => {
      if (++this.#depth > MAX_XML_DEPTH)
        this.#problem ??= `${this.#parser.line}:${this.#parser.column}: nested deeper than ${MAX_XML_DEPTH} elements`;
    });
    this.#parser.on('closetag', () => {
      this.#depth--;
    });
  }

  /** The first problem found, if any. */
  write(chunk: string): string | undefined {
    return this.#run(() => this.#parser.write(chunk));
  }

  close(): string | undefined {
    return this.#run(() => this.#parser.close());
  }

  #run(step: () => void): string | undefined {
    if (this.#problem !== undefined) return this.#problem;
    try {
      step();
    } catch (error) {
      this.#problem ??= error instanceof Error ? error.message : String(error);
    }
    return this.#problem;
  }
}
