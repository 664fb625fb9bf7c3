/**
 * Partitioned export (issue 15): 100,000 tickets against a simulator with --latency 200 and the
 * thread limit 3, `at.query(q, { partitions: 3 })` vs the same client paging one page after another
 * (concurrency 1). `ratio` must stay <= 0.4; the client's RSS growth during the partitioned export
 * must stay under 100 MB. The simulator runs in a child process so that only the client is measured.
 * Run: node --import tsx bench/export.ts [--tickets 100000] [--latency 200]
 */
import { startSimProcess } from './client-sim-process.js';
import { arg } from './args.js';
import { exportAll } from './export-run.js';

const tickets = arg('--tickets', 100_000);
const latency = arg('--latency', 200);

const sim = await startSimProcess(['--tickets', String(tickets), '--latency', String(latency), '--thread-limit', '3']);
try {
  const partitioned = await exportAll(sim.url, 'soap', tickets, 3);
  const sequential = await exportAll(sim.url, 'soap', tickets, undefined);
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
