/**
 * Client CPU to read tickets over REST against a bare `JSON.parse` of the very bytes received.
 * The client streams 10,000 real-shaped tickets (`--ticket-shape full`: 27 fields and 12 UDFs each)
 * from the simulator's REST front into typed entities: HTTP, JSON, REST names mapped back to the
 * generated classes' fields, picklist strings to numbers, dates and UDFs decoded. The reference is
 * what no client can go below: parsing the same pages' JSON and nothing else. The pages are fetched
 * as the client pages (`id > <last id>`, 500 a page), so both sides see the same bytes.
 * Run: node --import tsx bench/rest-streaming.ts [--tickets 10000]
 */
import http from 'node:http';
import { connect, Query } from '../runtime/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';
import { startSimProcess } from './client-sim-process.js';
import { arg, cpuMs } from './args.js';
import { medianPair } from './median-pair.js';

const ticketCount = arg('--tickets', 10_000);
const { username, password, integrationCode } = SIMULATOR_DEFAULTS;

/** The raw JSON of the page queries the cursor sends, fetched once. */
async function rawPages(base: string, count: number): Promise<string[]> {
  const pages: string[] = [];
  const agent = new http.Agent({ keepAlive: true });
  for (let last = 0; last < count; last += 500) {
    const search = JSON.stringify({
      filter: [
        { op: 'gt', field: 'id', value: 0 },
        { op: 'gt', field: 'id', value: last },
      ],
    });
    const url = `${base}V1.0/Tickets/query?search=${encodeURIComponent(search)}`;
    pages.push(
      await new Promise<string>((resolve, reject) => {
        const req = http.request(url, {
          method: 'GET',
          agent,
          headers: { ApiIntegrationCode: integrationCode, UserName: username, Secret: password },
        });
        req.on('response', (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (c: string) => (text += c));
          res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${String(res.statusCode)}: ${text.slice(0, 200)}`))));
        });
        req.on('error', reject);
        req.end();
      }),
    );
  }
  agent.destroy();
  return pages;
}

function bareParse(pages: readonly string[]): number {
  const start = process.cpuUsage();
  let items = 0;
  for (const page of pages) items += (JSON.parse(page) as { items: unknown[] }).items.length;
  const cpu = cpuMs(start);
  if (items !== ticketCount) throw new Error(`bare JSON.parse saw ${items} items, expected ${ticketCount}`);
  return cpu;
}

async function streamCpu(base: string): Promise<{ cpu: number; count: number }> {
  const at = await connect({ username, password, integrationCode, transport: 'rest', url: base, concurrency: 1 });
  const start = process.cpuUsage();
  let count = 0;
  for await (const ticket of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) {
    if (ticket.id > 0) count++;
  }
  const cpu = cpuMs(start);
  at.close();
  return { cpu, count };
}

const sim = await startSimProcess(['--tickets', String(ticketCount), '--ticket-shape', 'full']);
try {
  const base = `${sim.url}/ATServicesRest/`;
  // Warm-up: JIT both paths once; then seven pairs, the median's figures (median-pair.ts).
  await streamCpu(base);
  const pages = await rawPages(base, ticketCount);
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
  bareParse(pages);
  const pair = await medianPair(
    7,
    async () => {
      const run = await streamCpu(base);
      if (run.count !== ticketCount) throw new Error(`streamed ${run.count} tickets over REST, expected ${ticketCount}`);
      return run.cpu;
    },
    () => bareParse(pages),
    (client, bare) => client / bare,
  );
  const { measured: client, reference: bare } = pair;
  console.log(
    JSON.stringify({
      bench: 'rest-streaming',
      tickets: ticketCount,
      bytes,
      clientCpuMs: Math.round(client),
      jsonParseCpuMs: Math.round(bare),
      clientUsPerTicket: Math.round((client * 1000) / ticketCount),
      ratio: Math.round((client / bare) * 100) / 100,
    }),
  );
} finally {
  await sim.stop();
}
