/**
 * The close workflow over REST (query the tickets, set Status = Complete, write them back): REST
 * has no batch, so each ticket is one PATCH, and the client keeps up to the thread limit (3) in
 * flight per endpoint. Wall time at the thread limit vs the same requests strictly one after
 * another (concurrency 1), against a simulator answering with --latency 50. 1/3 is the floor
 * (three requests at a time); `ratio` must stay <= 0.36.
 * Run: node --import tsx bench/rest-close-workflow.ts [--latency 50] [--tickets 150]
 */
import { connect, DEFAULT_CONCURRENCY, Query, type PicklistValueOf, type Stored } from '../runtime/index.js';
import type { Ticket } from '../generated/v1_6/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';
import { startSimProcess } from './client-sim-process.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const latency = arg('--latency', 50);
// One PATCH per ticket: fewer tickets than the SOAP row keep a sequential run near ten seconds.
const tickets = arg('--tickets', 150);
const login = { username: SIMULATOR_DEFAULTS.username, password: SIMULATOR_DEFAULTS.password, integrationCode: SIMULATOR_DEFAULTS.integrationCode };

async function* closeTickets(cursor: AsyncIterable<Stored<Ticket>>, complete: PicklistValueOf<Ticket, 'Status'>): AsyncGenerator<Stored<Ticket>> {
  for await (const ticket of cursor) {
    ticket.Status = complete;
    yield ticket;
  }
}

async function closeAll(url: string, concurrency: number): Promise<{ wallMs: number; requests: number }> {
  const at = await connect({ ...login, transport: 'rest', url: `${url}/ATServicesRest/`, concurrency });
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

const sim = await startSimProcess(['--tickets', String(tickets), '--latency', String(latency)]);
try {
  await closeAll(sim.url, DEFAULT_CONCURRENCY); // warm-up (JIT, sockets, the simulator's first writes)
  let concurrent = Infinity;
  let sequential = Infinity;
  let requests = 0;
  let sequentialRequests = 0;
  for (let i = 0; i < 2; i++) {
    const c = await closeAll(sim.url, DEFAULT_CONCURRENCY);
    const s = await closeAll(sim.url, 1);
    concurrent = Math.min(concurrent, c.wallMs);
    sequential = Math.min(sequential, s.wallMs);
    requests = c.requests;
    sequentialRequests = s.requests;
  }
  if (requests !== sequentialRequests) throw new Error(`concurrency changed the number of requests: ${requests} vs ${sequentialRequests}`);
  console.log(
    JSON.stringify({
      bench: 'rest-close-workflow',
      tickets,
      latencyMs: latency,
      concurrency: DEFAULT_CONCURRENCY,
      requests,
      concurrentMs: Math.round(concurrent),
      sequentialMs: Math.round(sequential),
      ratio: Math.round((concurrent / sequential) * 100) / 100,
      ratioLimit: 0.36,
    }),
  );
} finally {
  await sim.stop();
}
