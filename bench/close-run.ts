/**
 * The close workflow measured over one wire (query the tickets, set Status = Complete, write them
 * back), against a simulator process answering with a latency: the best wall time at the default
 * concurrency and strictly one request after another (concurrency 1), with the requests each made.
 * close-workflow.ts (SOAP) and rest-close-workflow.ts (REST) print it as their rows.
 */
import { connect, DEFAULT_CONCURRENCY, Query, type PicklistValueOf, type Stored, type TransportName } from '../runtime/index.js';
import type { Ticket } from '../generated/v1_6/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';
import { startSimProcess } from './client-sim-process.js';

const login = { username: SIMULATOR_DEFAULTS.username, password: SIMULATOR_DEFAULTS.password, integrationCode: SIMULATOR_DEFAULTS.integrationCode };

async function* closeTickets(cursor: AsyncIterable<Stored<Ticket>>, complete: PicklistValueOf<Ticket, 'Status'>): AsyncGenerator<Stored<Ticket>> {
  for await (const ticket of cursor) {
    ticket.Status = complete;
    yield ticket;
  }
}

async function closeAll(url: string, transport: TransportName, tickets: number, concurrency: number): Promise<{ wallMs: number; requests: number }> {
  const at = await connect({
    ...login,
    transport,
    url: transport === 'rest' ? `${url}/ATServicesRest/` : `${url}/atservices/1.6/atws.asmx`,
    concurrency,
  });
  const complete = (await at.picklist('Ticket')).Status.get('Complete');
  const before = at.requestCount;
  const t0 = performance.now();
  const summary = await at.update(closeTickets(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)), complete)).execute();
  const wallMs = performance.now() - t0;
  if (summary.succeeded !== tickets) throw new Error(`closed ${summary.succeeded} tickets, expected ${tickets}`);
  const requests = at.requestCount - before;
  at.close();
  return { wallMs, requests };
}

export interface CloseFigures {
  readonly tickets: number;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly requests: number;
  readonly sequentialRequests: number;
  readonly concurrentMs: number;
  readonly sequentialMs: number;
  readonly ratio: number;
}

/** The best of `rounds` runs each way, after a warm-up (JIT, sockets, the simulator's first writes). */
export async function measureClose(transport: TransportName, tickets: number, latencyMs: number, rounds: number): Promise<CloseFigures> {
  const sim = await startSimProcess(['--tickets', String(tickets), '--latency', String(latencyMs)]);
  try {
    await closeAll(sim.url, transport, tickets, DEFAULT_CONCURRENCY);
    let concurrent = Infinity;
    let sequential = Infinity;
    let requests = 0;
    let sequentialRequests = 0;
    for (let i = 0; i < rounds; i++) {
      const c = await closeAll(sim.url, transport, tickets, DEFAULT_CONCURRENCY);
      const s = await closeAll(sim.url, transport, tickets, 1);
      concurrent = Math.min(concurrent, c.wallMs);
      sequential = Math.min(sequential, s.wallMs);
      requests = c.requests;
      sequentialRequests = s.requests;
    }
    // Concurrency may only save requests (REST read-backs of writes in flight together share a query).
    if (requests > sequentialRequests) throw new Error(`concurrency added requests: ${requests} vs ${sequentialRequests}`);
    return {
      tickets,
      latencyMs,
      concurrency: DEFAULT_CONCURRENCY,
      requests,
      sequentialRequests,
      concurrentMs: Math.round(concurrent),
      sequentialMs: Math.round(sequential),
      ratio: Math.round((concurrent / sequential) * 100) / 100,
    };
  } finally {
    await sim.stop();
  }
}
