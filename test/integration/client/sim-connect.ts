/** Connecting the client to a simulator in tests: the simulator's defaults, its 1.6 asmx for discovery. */
import { connect, type Connection, type ConnectOptions } from '../../../runtime/index.js';
import type { ConnectOptions as OptionFields, TransportName } from '../../../runtime/client/connection-options.js';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SIMULATOR_DEFAULTS, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../simulator/index.js';
import type { ApiVersion } from '../../../runtime/protocol/metadata.js';

export const simLogin = {
  username: SIMULATOR_DEFAULTS.username,
  password: SIMULATOR_DEFAULTS.password,
  integrationCode: SIMULATOR_DEFAULTS.integrationCode,
} as const;

/** The wire protocols the client's integration tests run over, as Kysely runs its tests per dialect. */
export const TRANSPORTS = ['soap', 'rest'] as const;
export type TestTransport = (typeof TRANSPORTS)[number];

const REST_FRONT = existsSync(fileURLToPath(new URL('../../../simulator/rest/rest-front.ts', import.meta.url)));

/**
 * Options of the `describe` of one transport: REST's are skipped, saying why, while the simulator
 * this tree holds has no REST front (it is built on its own branch).
 */
export function transportSuite(transport: TestTransport): { readonly skip?: string } {
  return transport === 'rest' && !REST_FRONT ? { skip: 'the simulator has no REST front in this tree yet (simulator/rest/rest-front.ts)' } : {};
}

/** A connection straight to the zone at `base` (a simulator or a proxy in front of it), over SOAP unless `transport` says REST. */
export function connectTo<V extends ApiVersion = '1.6', T extends TransportName = 'soap'>(
  base: string,
  extra: Partial<OptionFields<V, T>> = {},
): Promise<Connection<V, T>> {
  const version = extra.apiVersion ?? '1.6';
  const url = extra.transport === 'rest' ? `${base}/ATServicesRest/` : `${base}/atservices/${version}/atws.asmx`;
  return connect<V, undefined, T>({ ...simLogin, url, retryBaseDelayMs: 5, ...extra } as ConnectOptions<V, T>);
}

/** The simulator's statistics names of a kind of call, per wire (SOAP operations, REST route methods). */
const STAT_NAMES: Readonly<Record<'query' | 'create' | 'update' | 'delete', readonly string[]>> = {
  query: ['query', 'REST queryGet', 'REST queryPost'],
  create: ['create', 'REST create'],
  update: ['update', 'REST patch'],
  delete: ['delete', 'REST delete'],
};

/** Requests of a kind the simulator answered so far, over either wire. */
export function callsOf(sim: RunningSimulator, kind: keyof typeof STAT_NAMES): number {
  return STAT_NAMES[kind].reduce((sum, name) => sum + (sim.stats.byOperation.get(name) ?? 0), 0);
}

/**
 * One simulator and one 1.6 connection for a whole test file: started in `before`, closed in
 * `after`. Read them through the returned object once the tests run.
 */
export function useSimulator(options: SimulatorOptions = {}): { readonly sim: RunningSimulator; readonly at: Connection<'1.6'> } {
  let sim: RunningSimulator | undefined;
  let at: Connection<'1.6'> | undefined;
  before(async () => {
    sim = await startSimulator(options);
    at = await connectTo(sim.url);
  });
  after(async () => {
    at?.close();
    await sim?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useSimulator: read sim/at inside a test, after `before` ran');
    return value;
  };
  return {
    get sim() {
      return started(sim);
    },
    get at() {
      return started(at);
    },
  };
}
