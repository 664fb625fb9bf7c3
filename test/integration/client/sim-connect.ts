/** Connecting the client to a simulator in tests: the simulator's defaults, its 1.6 asmx for discovery. */
import { connect, type Connection, type ConnectOptions } from '../../../runtime/index.js';
import type { ConnectOptions as OptionFields } from '../../../runtime/client/connection-options.js';
import { after, before } from 'node:test';
import { SIMULATOR_DEFAULTS, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../simulator/index.js';
import type { ApiVersion } from '../../../runtime/protocol/metadata.js';

export const simLogin = {
  username: SIMULATOR_DEFAULTS.username,
  password: SIMULATOR_DEFAULTS.password,
  integrationCode: SIMULATOR_DEFAULTS.integrationCode,
} as const;

/** A connection straight to the zone at `base` (a simulator or a proxy in front of it). */
export function connectTo<V extends ApiVersion = '1.6'>(base: string, extra: Partial<OptionFields<V>> = {}): Promise<Connection<V>> {
  const version = extra.apiVersion ?? '1.6';
  return connect<V>({ ...simLogin, url: `${base}/atservices/${version}/atws.asmx`, retryBaseDelayMs: 5, ...extra } as ConnectOptions<V>);
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
