/**
 * A real HTTP hop in front of the simulator that drops chosen SOAP requests, before or after the
 * simulator has applied them, so that a test can place a fault exactly (the simulator's own
 * `--faults` are random, if reproducible).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with the n-th request (0-based) of an operation. */
export type ProxyDecision = 'pass' | 'reset-before' | 'reset-after';
export type Decide = (operation: string, index: number) => ProxyDecision;

export interface FaultProxy {
  readonly url: string;
  /** Requests seen per operation. */
  readonly seen: Map<string, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, decide: Decide): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = String(req.headers['soapaction'] ?? '').replace(/"/g, '');
      const operation = action.slice(action.lastIndexOf('/') + 1);
      const index = seen.get(operation) ?? 0;
      seen.set(operation, index + 1);
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
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
