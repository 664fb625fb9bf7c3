/**
 * What a simulator can be told at start, and the defaults that the CLI documents.
 */

import { REQUEST_THRESHOLD, THREAD_LIMIT } from 'atws/protocol';
import { TICKET_SHAPES, type TicketShape } from './tenant/ticket-shape.js';

/** Options of {@link startSimulator}; every one is optional. */
export interface SimulatorOptions {
  /** Interface to bind; 127.0.0.1 unless told otherwise, so a test server is never exposed. */
  host?: string | undefined;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number | undefined;
  /** The one API user the simulated tenant knows. */
  username?: string | undefined;
  password?: string | undefined;
  /** The integration code API 1.6 demands in the `AutotaskIntegrations` header, and REST in `ApiIntegrationCode`. */
  integrationCode?: string | undefined;
  /** How many demo tickets to seed (default 1,400, so paging past 500 shows). */
  tickets?: number | undefined;
  /**
   * How the seeded tickets look: `demo` (the default: about 15 fields, a few UDF values) or `full`,
   * shaped like a busy tenant's tickets (27 fields, 12 UDFs on Ticket, all with values), which is
   * what the streaming benchmark measures against.
   */
  ticketShape?: TicketShape | undefined;
  /** A SQLite file that keeps the tenant across restarts; memory only when absent. */
  db?: string | undefined;
  /** Delay added to every SOAP and REST answer, in milliseconds. */
  latencyMs?: number | undefined;
  /** Fault spec, e.g. `reset=0.05,http500=0.02,slow=0.02:3000`. */
  faults?: string | undefined;
  /** Seed of the fault PRNG, so a fault run can be replayed. */
  faultSeed?: number | undefined;
  /** Requests allowed in the rolling 60-minute window before the threshold error. */
  threshold?: number | undefined;
  /**
   * Simultaneous requests allowed per tracking identifier and object endpoint (the thread-limiting
   * page: 3); a request past it is refused. 0 turns the limit off.
   */
  threadLimit?: number | undefined;
  /** Latency added at 100% of the threshold (half of it from 50%), in milliseconds; 0 turns it off. */
  usageLatencyMs?: number | undefined;
  /** Where the simulator's log lines go (the CLI passes console.error); silent when absent. */
  log?: (line: string) => void | undefined;
  /**
   * Another revision of API 1.6 to serve (`1.6.1`): its entities, fields and WSDL, which lack some
   * the client's generated code knows (Ticket.RmaStatus, ChecklistLibrary). 1.6.8 when absent.
   */
  revision?: string | undefined;
}

export { TICKET_SHAPES, type TicketShape } from './tenant/ticket-shape.js';

/** The defaults the CLI documents; tests log in with these. */
export const SIMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  username: 'api-user@sim.example',
  password: 'sim-password',
  integrationCode: 'SIMULATOR-INTEGRATION-CODE',
  tickets: 1400,
  ticketShape: 'demo',
  latencyMs: 0,
  threshold: REQUEST_THRESHOLD,
  threadLimit: THREAD_LIMIT,
  usageLatencyMs: 1000,
} as const;

/** Options with every default applied. */
export interface ResolvedSimulatorOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  integrationCode: string;
  tickets: number;
  ticketShape: TicketShape;
  db: string | undefined;
  latencyMs: number;
  faults: string | undefined;
  faultSeed: number;
  threshold: number;
  threadLimit: number;
  usageLatencyMs: number;
  log: (line: string) => void;
  revision: string | undefined;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`Simulator option ${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

export function resolveOptions(options: SimulatorOptions): ResolvedSimulatorOptions {
  const port = nonNegativeInteger('port', options.port, SIMULATOR_DEFAULTS.port);
  if (port > 65535) throw new RangeError(`Simulator option port must be at most 65535, got ${port}`);
  const threshold = nonNegativeInteger('threshold', options.threshold, SIMULATOR_DEFAULTS.threshold);
  if (threshold === 0) throw new RangeError('Simulator option threshold must be at least 1');
  for (const key of ['username', 'password', 'integrationCode'] as const) {
    if (options[key] === '') throw new RangeError(`Simulator option ${key} must not be empty`);
  }
  const ticketShape = options.ticketShape ?? SIMULATOR_DEFAULTS.ticketShape;
  if (!TICKET_SHAPES.includes(ticketShape)) {
    throw new RangeError(`Simulator option ticketShape must be one of ${TICKET_SHAPES.join(', ')}, got ${String(ticketShape)}`);
  }
  return {
    host: options.host ?? SIMULATOR_DEFAULTS.host,
    port,
    username: options.username ?? SIMULATOR_DEFAULTS.username,
    password: options.password ?? SIMULATOR_DEFAULTS.password,
    integrationCode: options.integrationCode ?? SIMULATOR_DEFAULTS.integrationCode,
    tickets: nonNegativeInteger('tickets', options.tickets, SIMULATOR_DEFAULTS.tickets),
    ticketShape,
    db: options.db,
    latencyMs: nonNegativeInteger('latencyMs', options.latencyMs, SIMULATOR_DEFAULTS.latencyMs),
    faults: options.faults,
    faultSeed: nonNegativeInteger('faultSeed', options.faultSeed, Date.now() % 2 ** 31),
    threshold,
    threadLimit: nonNegativeInteger('threadLimit', options.threadLimit, SIMULATOR_DEFAULTS.threadLimit),
    usageLatencyMs: nonNegativeInteger('usageLatencyMs', options.usageLatencyMs, SIMULATOR_DEFAULTS.usageLatencyMs),
    log: options.log ?? (() => undefined),
    revision: options.revision,
  };
}
