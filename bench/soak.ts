/**
 * Soak: mixed client traffic (paged queries, fetches by id, updates, creates, picklists, usage)
 * against a simulator in a child process injecting faults, for a number of minutes. Samples the
 * client's RSS, open TCP sockets and event-loop delay, and compares the first quarter of the run
 * with the last: a leak shows as growth. Prints one JSON line `{"bench":"soak",...}`.
 * Run: node --expose-gc --import tsx bench/soak.ts [--minutes 1] [--faults SPEC] [--seed N]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ApiError, AtwsError, connect, Query } from '../runtime/index.js';
import { SIMULATOR_DEFAULTS } from '../simulator/options.js';
import { startSimProcess } from './client-sim-process.js';
import { known } from '../test/support/known-value.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    faults: { type: 'string', default: 'reset=0.05,http500=0.02,slow=0.02:3000' },
    seed: { type: 'string', default: '7' },
  },
});
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${values.minutes}`);
const durationMs = minutes * 60_000;
const SAMPLE_MS = 250;
const TICKETS = 3_000;

interface Sample {
  readonly at: number;
  readonly rssMb: number;
  readonly sockets: number;
  readonly delayMeanMs: number;
  readonly delayP99Ms: number;
}

const openSockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

const sim = await startSimProcess(['--tickets', String(TICKETS), '--faults', values.faults, '--fault-seed', values.seed, '--threshold', '100000000']);
const at = await connect({
  username: SIMULATOR_DEFAULTS.username,
  password: SIMULATOR_DEFAULTS.password,
  integrationCode: SIMULATOR_DEFAULTS.integrationCode,
  url: `${sim.url}/atservices/1.6/atws.asmx`,
  timeoutMs: 1_500,
  retryBaseDelayMs: 20,
});

const ops = { query: 0, fetchByIds: 0, update: 0, create: 0, picklist: 0, usage: 0 };
const errors = new Map<string, number>();
let entities = 0;
let unknownOutcomes = 0;
const count = (error: unknown): void => {
  if (error instanceof ApiError) unknownOutcomes += error.unknown.length;
  const name = error instanceof AtwsError ? error.name : 'other';
  errors.set(name, (errors.get(name) ?? 0) + 1);
  if (!(error instanceof AtwsError)) throw error;
};

let round = 0;
async function oneRound(): Promise<void> {
  const from = (round * 397) % (TICKETS - 1_200);
  round++;
  ops.query++;
  const page = await at.query(new Query('Ticket').where('id', 'GreaterThan', from).and('id', 'LessThanOrEquals', from + 1_100)).fetchAll();
  entities += page.length;
  ops.fetchByIds++;
  entities += (
    await at
      .fetchByIds(
        'Ticket',
        page.slice(0, 150).map((t) => t.id as number),
      )
      .fetchAll()
  ).length;
  ops.update++;
  for (const t of page.slice(0, 300)) t.Title = `soak round ${round}`;
  entities += (await at.update(page.slice(0, 300)).fetchAll()).length;
  if (round % 3 === 0) {
    ops.create++;
    const fresh = Array.from({ length: 50 }, (_, i) =>
      at.new('Ticket', { Title: `soak ${round}.${i}`, AccountID: 0, DueDateTime: new Date(), Priority: known(2), Status: known(1) }),
    );
    entities += (await at.create(fresh).fetchAll()).length;
  }
  if (round % 5 === 0) {
    ops.picklist++;
    await (await at.picklist('Ticket')).refresh();
    ops.usage++;
    await at.getThresholdAndUsageInfo();
  }
}

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const samples: Sample[] = [];
const started = Date.now();
const sampler = setInterval(() => {
  samples.push({
    at: Date.now() - started,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    sockets: openSockets(),
    delayMeanMs: delay.mean / 1e6,
    delayP99Ms: delay.percentile(99) / 1e6,
  });
  delay.reset();
}, SAMPLE_MS);

try {
  while (Date.now() - started < durationMs) {
    await oneRound().catch(count);
    (globalThis as { gc?: () => void }).gc?.();
  }
} finally {
  clearInterval(sampler);
  delay.disable();
  at.close();
  await sim.stop();
}

const quarter = (which: 'first' | 'last'): Sample[] => {
  const n = Math.max(1, Math.floor(samples.length / 4));
  return which === 'first' ? samples.slice(0, n) : samples.slice(-n);
};
const mean = (list: readonly Sample[], key: keyof Sample): number => list.reduce((s, x) => s + x[key], 0) / Math.max(1, list.length);
const max = (list: readonly Sample[], key: keyof Sample): number => Math.max(...list.map((x) => x[key]));
const r1 = (x: number): number => Math.round(x * 10) / 10;
// The first quarter includes warm-up (JIT, first sockets), so it is the baseline, not a target.
const first = quarter('first');
const last = quarter('last');
const figures = {
  rssFirstMb: r1(mean(first, 'rssMb')),
  rssLastMb: r1(mean(last, 'rssMb')),
  socketsFirst: r1(mean(first, 'sockets')),
  socketsLast: r1(mean(last, 'sockets')),
  socketsMax: max(samples, 'sockets'),
  delayP99FirstMs: r1(mean(first, 'delayP99Ms')),
  delayP99LastMs: r1(mean(last, 'delayP99Ms')),
};
console.log(
  JSON.stringify({
    bench: 'soak',
    minutes,
    faults: values.faults,
    rounds: round,
    ops,
    entities,
    errors: Object.fromEntries(errors),
    unknownOutcomes,
    samples: samples.length,
    ...figures,
    rssGrowthLimitMb: 50,
    rssFlat: figures.rssLastMb - figures.rssFirstMb < 50,
    socketsFlat: figures.socketsLast <= figures.socketsFirst + 4,
    delayFlat: figures.delayP99LastMs <= 2 * figures.delayP99FirstMs + 20,
  }),
);
