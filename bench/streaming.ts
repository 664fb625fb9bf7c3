/**
 * Streaming bench of the client's hot path. Two figures:
 *  - CPU: the client streams 10,000 tickets (HTTP, its XML scanner and answer decoder, typed
 *    decoding into generated classes) vs a bare saxes parse of the very same response bytes; `ratio` must stay <= 2.
 *  - memory: 100,000 tickets streamed with `for await`, RSS growth must stay < 100 MB.
 * The simulator runs in a child process so that only the client is measured. Its tickets are
 * real-shaped (`--ticket-shape full`: 27 fields and 12 UDFs each, about 3 KB of XML), as the
 * targets are set for; `--shape demo` measures the small demo tickets instead.
 * Run: node --import tsx bench/streaming.ts [--tickets 10000] [--big 100000] [--shape full|demo]
 */
import http from 'node:http';
import { SaxesParser } from 'saxes';
import { connect, Query } from '../runtime/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';
import { soapEnvelope } from '../runtime/protocol/soap/xml/soap-envelope.js';
import { escapeXmlText } from '../runtime/protocol/soap/xml/escape.js';
import { startSimProcess } from './client-sim-process.js';
import { arg, cpuMs, textArg, userMs } from './args.js';
import { medianPair } from './median-pair.js';

const ticketCount = arg('--tickets', 10_000);
const bigCount = arg('--big', 100_000);
const shape = textArg('--shape', 'full');
const simShape = ['--ticket-shape', shape];
const login = { username: SIMULATOR_DEFAULTS.username, password: SIMULATOR_DEFAULTS.password, integrationCode: SIMULATOR_DEFAULTS.integrationCode };

/** The raw answers of the same page queries the cursor sends, fetched once. */
async function rawPages(asmx: string, count: number): Promise<string[]> {
  const pages: string[] = [];
  const agent = new http.Agent({ keepAlive: true });
  for (let last = 0; last < count; last += 500) {
    const q = `<queryxml><entity>Ticket</entity><query><condition operator="AND"><field>id<expression op="GreaterThan">0</expression></field></condition><field>id<expression op="GreaterThan">${last}</expression></field></query></queryxml>`;
    const body = soapEnvelope(
      `<query xmlns="http://autotask.net/ATWS/v1_6/"><sXML>${escapeXmlText(q)}</sXML></query>`,
      `<AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_6/"><IntegrationCode>${login.integrationCode}</IntegrationCode></AutotaskIntegrations>`,
    );
    pages.push(
      await new Promise<string>((resolve, reject) => {
        const req = http.request(asmx, {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: '"http://autotask.net/ATWS/v1_6/query"',
            Authorization: 'Basic ' + Buffer.from(`${login.username}:${login.password}`).toString('base64'),
          },
        });
        req.on('response', (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end(body);
      }),
    );
  }
  agent.destroy();
  return pages;
}

function bareSaxes(pages: readonly string[]): { cpu: number; user: number } {
  const start = process.cpuUsage();
  let elements = 0;
  for (const page of pages) {
    const parser = new SaxesParser();
    parser.on('opentag', () => void elements++);
    parser.on('text', () => undefined);
    // Written in 64 KiB slices, as the response arrives from a socket.
    for (let i = 0; i < page.length; i += 65_536) parser.write(page.slice(i, i + 65_536));
    parser.close();
  }
  if (elements === 0) throw new Error('bare saxes parse saw no elements');
  return { cpu: cpuMs(start), user: userMs(start) };
}

interface StreamRun {
  cpu: number;
  user: number;
  wall: number;
  count: number;
  /** Fields (id aside) and UDFs of the first ticket: shows what shape was measured. */
  fields: number;
  udfs: number;
}

async function streamCpu(url: string): Promise<StreamRun> {
  const at = await connect({ ...login, url: `${url}/atservices/1.6/atws.asmx`, concurrency: 1 });
  const start = process.cpuUsage();
  const t0 = performance.now();
  let count = 0;
  let fields = 0;
  let udfs = 0;
  for await (const ticket of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) {
    if (ticket.id !== undefined && count++ === 0) {
      fields = Object.keys(ticket).filter((k) => k !== 'id').length;
      udfs = ticket.udfs().size;
    }
  }
  const result = { cpu: cpuMs(start), user: userMs(start), wall: performance.now() - t0, count, fields, udfs };
  at.close();
  return result;
}

async function cpuFigures(): Promise<Record<string, number | string>> {
  const sim = await startSimProcess(['--tickets', String(ticketCount), ...simShape]);
  try {
    // Warm-up: JIT both paths once; then seven pairs, the median's figures (median-pair.ts).
    const shapeSeen = await streamCpu(sim.url);
    const pages = await rawPages(`${sim.url}/atservices/1.6/atws.asmx`, ticketCount);
    const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
    bareSaxes(pages);
    const pair = await medianPair(
      7,
      async () => {
        const run = await streamCpu(sim.url);
        if (run.count !== ticketCount) throw new Error(`streamed ${run.count} tickets, expected ${ticketCount}`);
        return run;
      },
      () => bareSaxes(pages),
      (run, bare) => run.cpu / bare.cpu,
    );
    const { cpu: client, user: clientUser, wall } = pair.measured;
    const { cpu: saxes, user: saxesUser } = pair.reference;
    const round2 = (x: number): number => Math.round(x * 100) / 100;
    return {
      tickets: ticketCount,
      shape,
      fieldsPerTicket: shapeSeen.fields,
      udfsPerTicket: shapeSeen.udfs,
      bytes,
      saxesUsPerTicket: round2((saxes * 1000) / ticketCount),
      clientCpuMs: Math.round(client),
      clientUserCpuMs: Math.round(clientUser),
      saxesCpuMs: Math.round(saxes),
      clientWallMs: Math.round(wall),
      userCpuRatio: round2(clientUser / saxesUser),
      ratio: round2(client / saxes),
    };
  } finally {
    await sim.stop();
  }
}

async function memoryFigures(): Promise<Record<string, number>> {
  const sim = await startSimProcess(['--tickets', String(bigCount), ...simShape]);
  try {
    const at = await connect({ ...login, url: `${sim.url}/atservices/1.6/atws.asmx` });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let count = 0;
    const t0 = performance.now();
    for await (const ticket of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) {
      if (ticket.id !== undefined) count++;
      if (count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    at.close();
    if (count !== bigCount) throw new Error(`streamed ${count} tickets, expected ${bigCount}`);
    return { bigTickets: count, rssGrowthMb: Math.round(((peak - baseline) / 1_048_576) * 10) / 10, bigWallMs: Math.round(performance.now() - t0) };
  } finally {
    await sim.stop();
  }
}

const cpu = await cpuFigures();
const memory = bigCount > 0 ? await memoryFigures() : {};
console.log(JSON.stringify({ bench: 'streaming', ...cpu, ...memory, ratioLimit: 2, rssLimitMb: 100 }));
