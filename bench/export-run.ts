/**
 * One export of every ticket over one wire, against a simulator process: wall time, requests made
 * and the client's RSS growth, checking that every ticket arrived once and in id order.
 * export.ts (partitioned vs sequential, SOAP) and rest-export.ts (REST vs SOAP) print it as rows.
 */
import { connect, Query, type TransportName } from '../runtime/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';

const login = { username: SIMULATOR_DEFAULTS.username, password: SIMULATOR_DEFAULTS.password, integrationCode: SIMULATOR_DEFAULTS.integrationCode };

export interface ExportFigures {
  readonly wallMs: number;
  readonly requests: number;
  readonly rssGrowthMb: number;
}

/** Exports all `tickets` with `partitions` cursors in parallel, or one page after another when undefined. */
export async function exportAll(url: string, transport: TransportName, tickets: number, partitions: number | undefined): Promise<ExportFigures> {
  const at = await connect({
    ...login,
    transport,
    url: transport === 'rest' ? `${url}/ATServicesRest/` : `${url}/atservices/1.6/atws.asmx`,
    ...(partitions === undefined ? { concurrency: 1 } : {}),
  });
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
  if (count !== tickets) throw new Error(`exported ${count} tickets over ${transport}, expected ${tickets}`);
  const requests = at.requestCount - before;
  at.close();
  return { wallMs, requests, rssGrowthMb: Math.round(((Math.max(peakRss, process.memoryUsage().rss) - rss0) / 1048576) * 10) / 10 };
}
