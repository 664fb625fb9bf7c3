/**
 * The HTTP side: Autotask's paths (`/atservices/<version>/atws.wsdl` and `.asmx`, matched without
 * regard to case), a 10 MB body limit (413), added latency, and the injected faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiVersion } from 'atws/protocol';
import type { ApiVersionSpec } from '../soap/api-versions.js';
import type { FaultDecision, FaultInjector } from './faults.js';
import { prepareSoapRequest } from '../soap/router.js';
import { soapFaultEnvelope } from 'atws/protocol/soap';
import { ThreadLimiter, threadLimitMessage } from '../tenant/thread-limit.js';
import type { Tenant } from '../tenant/tenant.js';

/** Bodies above this are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const PATH = /^\/atservices\/(1\.5|1\.6)\/atws\.(wsdl|asmx)$/i;
/** A Host header we are willing to echo into URLs (the WSDL's soap:address, getZoneInfo's URL). */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export interface RequestStats {
  /** SOAP requests answered (or faulted), by operation name. */
  readonly byOperation: Map<string, number>;
  /** Faults injected, by kind and moment (`reset/after`, `http500/before`, `slow`). */
  readonly faults: Map<string, number>;
  total: number;
  /** Requests refused by the thread limit. */
  threadLimited: number;
  /** The most requests ever in flight at once, per tracking identifier and object endpoint. */
  readonly threadPeaks: Map<string, number>;
}

export interface HttpServerParts {
  readonly tenant: Tenant;
  readonly versions: ReadonlyMap<ApiVersion, ApiVersionSpec>;
  readonly faults: FaultInjector | undefined;
  readonly stats: RequestStats;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, status: number, contentType: string, body: string, challenge?: string): void {
  const bytes = Buffer.from(body, 'utf8');
  if (challenge !== undefined) res.setHeader('WWW-Authenticate', challenge);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(bytes);
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
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
  const { tenant, versions, stats } = parts;
  const threads = new ThreadLimiter(tenant.options.threadLimit, stats.threadPeaks);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      tenant.options.log(`simulator: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal server error');
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
    const match = PATH.exec(url.pathname);
    const version = match?.[1] as ApiVersion | undefined;
    const api = version ? versions.get(version) : undefined;
    if (!match || !api) {
      req.resume();
      send(res, 404, 'text/plain; charset=utf-8', `Not found: ${url.pathname}. ATWS lives at /atservices/1.6/atws.asmx (WSDL: atws.wsdl).`);
      return;
    }
    const hostHeader = req.headers.host;
    const host = hostHeader && SAFE_HOST.test(hostHeader) ? hostHeader : ownAddress();
    const baseUrl = `http://${host}`;
    const asmxUrl = `${baseUrl}/atservices/${api.version}/atws.asmx`;
    // ASP.NET also serves the WSDL at atws.asmx?WSDL; some SOAP stacks ask there.
    const wantsWsdl = match[2]?.toLowerCase() === 'wsdl' || [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl');
    if (req.method === 'GET' && wantsWsdl) {
      req.resume();
      send(res, 200, 'text/xml; charset=utf-8', api.wsdl(asmxUrl));
      return;
    }
    if (req.method !== 'POST' || match[2]?.toLowerCase() !== 'asmx') {
      req.resume();
      res.setHeader('Allow', 'POST');
      send(res, 405, 'text/plain; charset=utf-8', `Use POST for SOAP requests to ${url.pathname}, or GET atws.wsdl for the WSDL.`);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      refuseTooLarge(req, res);
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      refuseTooLarge(req, res);
      return;
    }
    stats.total++;
    const decision: FaultDecision = parts.faults?.next() ?? { kind: 'none', slowMs: 0 };
    if (decision.slowMs > 0) count(stats.faults, 'slow');
    const request = { body, authorization: req.headers.authorization, asmxUrl, baseUrl };
    if (decision.kind !== 'none' && decision.when === 'before') {
      // Lost before the API saw it: not read, not counted, not run.
      count(stats.faults, `${decision.kind}/before`);
      const delay = tenant.options.latencyMs + decision.slowMs;
      if (delay > 0) await sleep(delay);
      failConnection(req, res, decision.kind);
      return;
    }
    const prepared = prepareSoapRequest(tenant, api, request);
    const key = prepared.threadKey;
    if (key !== undefined && !threads.tryAcquire(key)) {
      if (prepared.operation) count(stats.byOperation, prepared.operation);
      stats.threadLimited++;
      send(res, 500, 'text/xml; charset=utf-8', soapFaultEnvelope('soap:Client', threadLimitMessage(threads.limit, prepared.endpoint ?? '')));
      return;
    }
    // The slot is held until the answer is sent: "simultaneous" counts the latency too.
    try {
      const delay = tenant.options.latencyMs + decision.slowMs + prepared.usageDelayMs;
      const answer = prepared.execute();
      if (answer.operation) count(stats.byOperation, answer.operation);
      if (decision.kind !== 'none') {
        // 'after': the operation is applied (and saved) and only its answer is lost.
        count(stats.faults, `${decision.kind}/after`);
        if (delay > 0) await sleep(delay);
        failConnection(req, res, decision.kind);
        return;
      }
      if (delay > 0) await sleep(delay);
      send(res, answer.status, answer.contentType, answer.body, answer.challenge);
    } finally {
      if (key !== undefined) threads.release(key);
    }
  }

  return server;
}

function failConnection(req: IncomingMessage, res: ServerResponse, kind: 'reset' | 'http500'): void {
  if (kind === 'reset') req.socket.destroy();
  else send(res, 500, 'text/html; charset=utf-8', '<html><body><h1>500 - Internal server error.</h1></body></html>');
}


function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  send(res, 413, 'text/plain; charset=utf-8', `Request body too large: at most ${MAX_BODY_BYTES} bytes are accepted.`);
  // Stop reading the rest of a huge upload; the connection closes after the answer.
  res.on('finish', () => req.socket.destroy());
}
