/**
 * The HTTP side, whatever the wire: requests go to the front whose paths they name (SOAP's
 * `/atservices/<version>/atws.asmx` and `.wsdl` today), bodies are bounded (10 MB, 413 past it;
 * 64 KiB for a caller the front did not authenticate from the headers, who is answered as
 * unauthenticated past that, the body neither read whole nor parsed), and every front shares the
 * added latency, the injected faults and the thread limit per tracking identifier and object
 * endpoint.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultDecision, FaultInjector } from './faults.js';
import { MAX_UNAUTHENTICATED_BODY_BYTES, type FrontCall, type FrontRoute, type HttpAnswer, type HttpFront } from './front.js';
import { threadKey, type ThreadLimiter } from '../tenant/thread-limit.js';
import type { RequestStats } from './request-stats.js';

/** Bodies above this are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A Host header we are willing to echo into URLs (the WSDL's soap:address, getZoneInfo's URL). */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export interface HttpServerParts {
  /** The fronts, asked in order which one serves a path. */
  readonly fronts: readonly HttpFront[];
  /** The tenant's thread limiter, shared by every front. */
  readonly threads: ThreadLimiter;
  readonly faults: FaultInjector | undefined;
  readonly stats: RequestStats;
  /** Delay added to every answer of a call, in milliseconds. */
  readonly latencyMs: number;
  readonly log: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, answer: HttpAnswer): void {
  const bytes = Buffer.from(answer.body, 'utf8');
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': bytes.length });
  res.end(bytes);
}

const text = (status: number, body: string, headers?: Record<string, string>): HttpAnswer => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
  ...(headers === undefined ? {} : { headers }),
});

function readBody(req: IncomingMessage, limit: number): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function createSimulatorServer(parts: HttpServerParts): Server {
  const { fronts, threads, stats } = parts;
  // IIS, which serves Autotask, keeps an idle connection 120 s; Node's 5 s default lets a client
  // that reuses a pooled socket just as the server drops it meet ECONNRESET on a busy machine.
  const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      parts.log(`simulator: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, text(500, 'Internal server error'));
      else res.destroy();
    });
  });

  const ownAddress = (): string => {
    const address = server.address() as AddressInfo | null;
    if (!address) return '127.0.0.1';
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${host}:${address.port}`;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hostHeader = req.headers.host;
    const host = hostHeader && SAFE_HOST.test(hostHeader) ? hostHeader : ownAddress();
    const request = { method: req.method ?? 'GET', url, headers: req.headers, baseUrl: `http://${host}` };
    let route: FrontRoute | undefined;
    for (const front of fronts) {
      route = front.route(request);
      if (route) break;
    }
    if (!route) {
      req.resume();
      send(res, text(404, `Not found: ${url.pathname}. ${fronts.map((f) => f.where).join(' ')}`));
      return;
    }
    if (route.kind === 'answer') {
      req.resume();
      send(res, route.answer);
      return;
    }
    const body = await readBoundedBody(req, res, route.call);
    if (body === undefined) return;
    await runCall(req, res, route.call, body);
  }

  /**
   * The body, or undefined when it was refused: too large, or too large for a caller without
   * accepted credentials (the credentials are checked from the headers, before any of the body).
   */
  async function readBoundedBody(req: IncomingMessage, res: ServerResponse, call: FrontCall): Promise<string | undefined> {
    const limit = call.authenticated ? MAX_BODY_BYTES : MAX_UNAUTHENTICATED_BODY_BYTES;
    const refusal = (): HttpAnswer => (call.authenticated ? tooLarge() : call.unauthenticated());
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      refuseAndClose(req, res, refusal());
      return undefined;
    }
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      refuseAndClose(req, res, refusal());
      return undefined;
    }
    return body;
  }

  async function runCall(req: IncomingMessage, res: ServerResponse, call: FrontCall, body: string): Promise<void> {
    stats.total++;
    const decision: FaultDecision = parts.faults?.next() ?? { kind: 'none', slowMs: 0 };
    if (decision.slowMs > 0) count(stats.faults, 'slow');
    if (decision.kind !== 'none' && decision.when === 'before') {
      // Lost before the API saw it: not read, not counted, not run.
      count(stats.faults, `${decision.kind}/before`);
      const delay = parts.latencyMs + decision.slowMs;
      if (delay > 0) await sleep(delay);
      failConnection(req, res, decision.kind);
      return;
    }
    const prepared = call.prepare(body);
    const key = prepared.slot === undefined ? undefined : threadKey(prepared.slot.trackingId, prepared.slot.endpoint);
    if (key !== undefined && !threads.tryAcquire(key)) {
      if (prepared.operation) count(stats.byOperation, prepared.operation);
      stats.threadLimited++;
      send(res, prepared.threadLimited(threads.limit));
      return;
    }
    // The slot is held until the answer is sent: "simultaneous" counts the latency too.
    try {
      const delay = parts.latencyMs + decision.slowMs + prepared.usageDelayMs;
      const answer = prepared.run();
      if (prepared.operation) count(stats.byOperation, prepared.operation);
      if (decision.kind !== 'none') {
        // 'after': the operation is applied (and saved) and only its answer is lost.
        count(stats.faults, `${decision.kind}/after`);
        if (delay > 0) await sleep(delay);
        failConnection(req, res, decision.kind);
        return;
      }
      if (delay > 0) await sleep(delay);
      send(res, answer);
    } finally {
      if (key !== undefined) threads.release(key);
    }
  }

  return server;
}

function failConnection(req: IncomingMessage, res: ServerResponse, kind: 'reset' | 'http500'): void {
  if (kind === 'reset') req.socket.destroy();
  else send(res, { status: 500, contentType: 'text/html; charset=utf-8', body: '<html><body><h1>500 - Internal server error.</h1></body></html>' });
}

const tooLarge = (): HttpAnswer => text(413, `Request body too large: at most ${MAX_BODY_BYTES} bytes are accepted.`);

/** Answers and stops reading the rest of the upload: the connection closes after the answer. */
function refuseAndClose(req: IncomingMessage, res: ServerResponse, answer: HttpAnswer): void {
  res.setHeader('Connection', 'close');
  send(res, answer);
  res.on('finish', () => req.socket.destroy());
}
