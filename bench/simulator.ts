/**
 * Simulator benchmark: start-up time and RSS with 100,000 tickets, and the time to answer one
 * 500-ticket query page over HTTP (the `id >` paging query). Prints one JSON line.
 * Targets: page < 50 ms, RSS < 500 MB. Run: node --import tsx bench/simulator.ts [tickets]
 */
import { startSimulator } from '../simulator/index.js';

const tickets = Number(process.argv[2] ?? 100_000);
const pagesToTime = 40;

function envelope(body: string, code: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Header><AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_6/"><IntegrationCode>${code}</IntegrationCode></AutotaskIntegrations></soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
const round = (n: number): number => Math.round(n * 10) / 10;

const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const sim = await startSimulator({ tickets });
const startMs = performance.now() - started;
try {
  const auth = `Basic ${Buffer.from(`${sim.options.username}:${sim.options.password}`).toString('base64')}`;
  const page = async (afterId: number, extra = ''): Promise<{ ms: number; lastId: number; count: number }> => {
    const queryXml = `<queryxml><entity>Ticket</entity><query><field>id<expression op="greaterthan">${afterId}</expression></field>${extra}</query></queryxml>`;
    const body = envelope(
      `<query xmlns="http://autotask.net/ATWS/v1_6/"><sXML>${queryXml.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</sXML></query>`,
      sim.options.integrationCode,
    );
    const t0 = performance.now();
    const response = await fetch(sim.asmxUrl('1.6'), { method: 'POST', headers: { 'Content-Type': 'text/xml', Authorization: auth }, body });
    const text = await response.text();
    const ms = performance.now() - t0;
    const ids = [...text.matchAll(/<id>(\d+)<\/id>/g)].map((m) => Number(m[1]));
    return { ms, lastId: ids[ids.length - 1] ?? afterId, count: ids.length };
  };
  // Warm up the JIT and the connection.
  for (let i = 0; i < 5; i++) await page(i * 500);
  const times: number[] = [];
  let last = Math.floor(tickets / 2);
  for (let i = 0; i < pagesToTime; i++) {
    const result = await page(last);
    if (result.count !== 500) throw new Error(`expected a full page after id ${last}, got ${result.count}`);
    times.push(result.ms);
    last = result.lastId >= tickets - 500 ? 0 : result.lastId;
  }
  // A filter that is not on id scans until it has 500 matches.
  const filtered: number[] = [];
  for (let i = 0; i < 10; i++) {
    filtered.push((await page(i * 1000, '<field>Status<expression op="equals">5</expression></field>')).ms);
  }
  times.sort((a, b) => a - b);
  filtered.sort((a, b) => a - b);
  (globalThis as { gc?: () => void }).gc?.();
  const rss = process.memoryUsage().rss;
  console.log(
    JSON.stringify({
      bench: 'simulator',
      tickets,
      startMs: Math.round(startMs),
      rssMb: Math.round(rss / 2 ** 20),
      rssBeforeStartMb: Math.round(rssBefore / 2 ** 20),
      pageMsMedian: round(percentile(times, 0.5)),
      pageMsP95: round(percentile(times, 0.95)),
      statusFilterPageMsMedian: round(percentile(filtered, 0.5)),
      pageTargetMs: 50,
      rssTargetMb: 500,
      pageOk: percentile(times, 0.5) < 50,
      rssOk: rss < 500 * 2 ** 20,
    }),
  );
} finally {
  await sim.close();
}
