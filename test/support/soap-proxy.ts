/**
 * A real HTTP hop in front of the simulator that records every SOAP request in arrival order (of its start)
 * (so a test can assert the exact sequence a client sent) and can drop chosen ones, before or
 * after the simulator has applied them, so that a test can place a fault exactly (the
 * simulator's own `--faults` are random, if reproducible).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with the n-th request (0-based) of an operation. */
export type ProxyDecision = 'pass' | 'reset-before' | 'reset-after';
export type Decide = (operation: string, index: number) => ProxyDecision;

export interface RecordedRequest {
  readonly operation: string;
  readonly body: string;
}

export interface SoapProxy {
  readonly url: string;
  /** Every request, dropped ones included, in arrival order. */
  readonly log: RecordedRequest[];
  /** Requests seen per operation. */
  readonly seen: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (a base URL); `decide` picks the POSTs to drop (none by default). */
export async function startSoapProxy(target: string, decide: Decide = () => 'pass'): Promise<SoapProxy> {
  const upstream = new URL(target);
  const log: RecordedRequest[] = [];
  const seen = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    const action = String(req.headers['soapaction'] ?? '').replace(/"/g, '');
    const operation = action.slice(action.lastIndexOf('/') + 1);
    // Logged when the request starts: two bodies sent at once may finish arriving in either order.
    const entry = { operation, body: '' };
    log.push(entry);
    const index = seen.get(operation) ?? 0;
    seen.set(operation, index + 1);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      entry.body = body.toString('utf8');
      const decision = req.method === 'POST' ? decide(operation, index) : 'pass';
      if (decision === 'reset-before') {
        req.socket.destroy();
        return;
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
        (answer) => {
          if (decision === 'reset-after') {
            // Applied upstream; the client never learns it.
            answer.resume();
            answer.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
