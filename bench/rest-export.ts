/**
 * The partitioned export over REST against the same over SOAP, in one run: 100,000 tickets, one
 * simulator process serving both wires with --latency 200 and the thread limit 3,
 * `at.query(q, { partitions: 3 })` on each. Reports both wall times and `ratio` = REST / SOAP, with
 * no bound: it is a comparison for users moving to REST, not a target.
 * Run: node --import tsx bench/rest-export.ts [--tickets 100000] [--latency 200]
 */
import { startSimProcess } from './client-sim-process.js';
import { arg } from './args.js';
import { exportAll } from './export-run.js';

const tickets = arg('--tickets', 100_000);
const latency = arg('--latency', 200);

const sim = await startSimProcess(['--tickets', String(tickets), '--latency', String(latency), '--thread-limit', '3']);
try {
  const soap = await exportAll(sim.url, 'soap', tickets, 3);
  const rest = await exportAll(sim.url, 'rest', tickets, 3);
  console.log(
    JSON.stringify({
      bench: 'rest-export',
      tickets,
      latencyMs: latency,
      restMs: Math.round(rest.wallMs),
      restRequests: rest.requests,
      soapMs: Math.round(soap.wallMs),
      soapRequests: soap.requests,
      ratio: Math.round((rest.wallMs / soap.wallMs) * 100) / 100,
      restRssGrowthMb: rest.rssGrowthMb,
    }),
  );
} finally {
  await sim.stop();
}
