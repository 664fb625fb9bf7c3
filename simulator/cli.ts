/**
 * `atws sim`: runs the simulator until SIGINT or SIGTERM. The first line on stdout holds the base
 * URL, so scripts can start it with `--port 0` and read where it listens.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { parseFaultSpec } from './http/faults.js';
import { startSimulator } from './index.js';
import { REVISIONS } from './soap/api-versions.js';
import { SIMULATOR_DEFAULTS, TICKET_SHAPES, type SimulatorOptions, type TicketShape } from './options.js';

function integer(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}, got "${text}".`);
    }
    return n;
  };
}

function ticketShape(text: string): TicketShape {
  const shape = TICKET_SHAPES.find((s) => s === text);
  if (shape === undefined) throw new InvalidArgumentError(`--ticket-shape must be one of ${TICKET_SHAPES.join(', ')}, got "${text}".`);
  return shape;
}

function faultSpec(text: string): string {
  try {
    parseFaultSpec(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return text;
}

function revision(text: string): string {
  if (!REVISIONS.has(text)) throw new InvalidArgumentError(`--revision must be one of ${[...REVISIONS.keys()].join(', ')}, got "${text}".`);
  return text;
}

/** What commander hands the action: the simulator's own options, `--latency` standing for `latencyMs`. */
type SimCommandOptions = Omit<SimulatorOptions, 'latencyMs' | 'usageLatencyMs' | 'log'> & { latency: number; usageLatency: number };

/** Registers `atws sim` on the `atws` program. */
export function registerSimCommand(program: Command): void {
  const d = SIMULATOR_DEFAULTS;
  program
    .command('sim')
    .description('Run the ATWS simulator: a local server that answers like Autotask Web Services (SOAP 1.5/1.6 and REST v1.0)')
    .option('--host <host>', 'interface to bind', d.host)
    .option('--port <port>', 'TCP port (0 picks a free one)', integer('--port', 0, 65535), d.port)
    .option('--username <name>', 'API user name', d.username)
    .option('--password <password>', 'API user password', d.password)
    .option('--integration-code <code>', 'integration code required by API 1.6', d.integrationCode)
    .option('--tickets <n>', 'demo tickets to seed', integer('--tickets'), d.tickets)
    .option(
      '--ticket-shape <shape>',
      'demo tickets (about 15 fields) or full ones (27 fields, 12 UDFs), as a busy tenant has',
      ticketShape,
      d.ticketShape,
    )
    .option('--db <file>', 'keep the tenant in this SQLite file across restarts (not reseeded when it exists)')
    .option('--latency <ms>', 'delay added to every SOAP and REST answer', integer('--latency'), d.latencyMs)
    .option('--faults <spec>', 'inject faults, e.g. reset=0.05,http500=0.02,slow=0.02:3000', faultSpec)
    .option('--fault-seed <n>', 'seed of the fault PRNG, for reproducible runs (default: time-based)', integer('--fault-seed', 0, 2 ** 32 - 1))
    .option('--threshold <n>', 'requests allowed per rolling 60 minutes', integer('--threshold', 1), d.threshold)
    .option(
      '--thread-limit <n>',
      'simultaneous requests per integration code and object endpoint (0: no limit)',
      integer('--thread-limit'),
      d.threadLimit,
    )
    .option(
      '--usage-latency <ms>',
      'latency added at 100% of the threshold, half of it from 50% (0: none)',
      integer('--usage-latency'),
      d.usageLatencyMs,
    )
    .option(
      '--revision <revision>',
      `serve an older revision of API 1.6 (${[...REVISIONS.keys()].join(', ')}): its WSDL and metadata lack fields and entities the generated code knows`,
      revision,
    )
    .action(async ({ latency, usageLatency, ...given }: SimCommandOptions) => {
      const options: SimulatorOptions = { ...given, latencyMs: latency, usageLatencyMs: usageLatency, log: (line) => console.error(line) };
      const started = Date.now();
      const sim = await startSimulator(options);
      process.stdout.write(`ATWS simulator listening on ${sim.url} (API 1.6: ${sim.asmxUrl('1.6')}; REST: ${sim.restUrl})\n`);
      console.error(
        `user ${sim.options.username}; ${sim.store.count('Ticket')} tickets` +
          (sim.options.db ? ` in ${sim.options.db}${sim.seeded ? ' (seeded)' : ' (reused)'}` : ' in memory') +
          (sim.options.revision ? `; API 1.6 revision ${sim.options.revision}` : '') +
          (sim.options.faults ? `; faults ${sim.options.faults} (seed ${sim.options.faultSeed})` : '') +
          `; ready in ${Date.now() - started} ms. Ctrl-C stops it.`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await sim.close();
      process.exitCode = 0;
    });
}
