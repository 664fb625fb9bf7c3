/** Connecting the client to a simulator in tests: the simulator's defaults, its 1.6 asmx for discovery. */
import { connect, type Connection } from '../../../runtime/index.js';
import type { ConnectOptions } from '../../../runtime/client/connection-options.js';
import { SIMULATOR_DEFAULTS } from '../../../runtime/simulator/index.js';
import type { ApiVersion } from '../../../runtime/metadata.js';

export const simLogin = {
  username: SIMULATOR_DEFAULTS.username,
  password: SIMULATOR_DEFAULTS.password,
  integrationCode: SIMULATOR_DEFAULTS.integrationCode,
} as const;

/** A connection straight to the zone at `base` (a simulator or a proxy in front of it). */
export function connectTo<V extends ApiVersion = '1.6'>(base: string, extra: Partial<ConnectOptions<V>> = {}): Promise<Connection<V>> {
  const version = extra.apiVersion ?? '1.6';
  return connect<V>({ ...simLogin, url: `${base}/atservices/${version}/atws.asmx`, retryBaseDelayMs: 5, ...extra } as ConnectOptions<V>);
}
