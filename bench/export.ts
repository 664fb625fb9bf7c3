/**
 * Partitioned export (issue 15): 100,000 tickets against a simulator with --latency 200 and the
 * thread limit 3, `at.query(q, { partitions: 3 })` vs the same client paging one page after another
 * (concurrency 1). `ratio` must stay <= 0.4; the client's RSS growth during the partitioned export
 * must stay under 100 MB. The simulator runs in a child process so that only the client is measured.
 * Run: node --import tsx bench/export.ts [--tickets 100000] [--latency 200]
 */
import { connect, Query } from '../runtime/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';
import { startSimProcess } from './client-sim-process.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const tickets = arg('--tickets', 100_000);
const latency = arg('--latency', 200);
const login = { username: SIMULATOR_DEFAULTS.username, password: SIMULATOR_DEFAULTS.password, integrationCode: SIMULATOR_DEFAULTS.integrationCode };

async function exportAll(url: string, partitions: number | undefined): Promise<{ wallMs: number; requests: number; rssGrowthMb: number }> {
  const at = await connect({ ...login, url: `${url}/atservices/1.6/atws.asmx`, ...(partitions === undefined ? { concurrency: 1 } : {}) });
  const before = at.requestCount;
  const rss0 = process.memoryUsage().rss;
  let peakRss = rss0;
  let count = 0;
  let lastId = 0;
  const t0 = performance.now();
  const query = new Query('Ticket').where('id', 'GreaterThan', 0);
  for await (const ticket of at.query(query, partitions === undefined ? {} : { partitions })) {
    if (ticket.id <= lastId) throw new Error(`ticket ${ticket.id} after ${lastId}: not in id order`);
    lastId = ticket.id;
    if (++count % 5000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallMs = performance.now() - t0;
  if (count !== tickets) throw new Error(`exported ${count} tickets, expected ${tickets}`);
  const requests = at.requestCount - before;
  at.close();
  return { wallMs, requests, rssGrowthMb: Math.round(((Math.max(peakRss, process.memoryUsage().rss) - rss0) / 1048576) * 10) / 10 };
}

const sim = await startSimProcess(['--tickets', String(tickets), '--latency', String(latency), '--thread-limit', '3']);
try {
  const partitioned = await exportAll(sim.url, 3);
  const sequential = await exportAll(sim.url, undefined);
  console.log(
    JSON.stringify({
      bench: 'export',
      tickets,
      latencyMs: latency,
      partitionedMs: Math.round(partitioned.wallMs),
      partitionedRequests: partitioned.requests,
      sequentialMs: Math.round(sequential.wallMs),
      sequentialRequests: sequential.requests,
      ratio: Math.round((partitioned.wallMs / sequential.wallMs) * 100) / 100,
      ratioLimit: 0.4,
      rssGrowthMb: partitioned.rssGrowthMb,
      rssLimitMb: 100,
    }),
  );
} finally {
  await sim.stop();
}
