/**
 * The ATWS simulator: a real HTTP server that answers like Autotask Web Services (SOAP 1.5 and
 * 1.6) and Autotask's REST API v1.0, over one tenant, for tests, the tour and offline development.
 *
 * @example
 * const sim = await startSimulator({ tickets: 1400 }); // sim.url === 'http://127.0.0.1:<port>'
 * // SOAP: sim.asmxUrl('1.6'); REST: sim.restUrl === 'http://127.0.0.1:<port>/ATServicesRest/'
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { servedApis } from './soap/api-versions.js';
import { soapFront } from './soap/soap-front.js';
import { restFront } from './rest/rest-front.js';
import { REST_BASE_PATH } from './rest/rest-routes.js';
import { FaultInjector, parseFaultSpec } from './http/faults.js';
import type { HttpFront } from './http/front.js';
import { createSimulatorServer } from './http/http-server.js';
import type { RequestStats } from './http/request-stats.js';
import { resolveOptions, type ResolvedSimulatorOptions, type SimulatorOptions } from './options.js';
import type { EntityStore } from './tenant/store.js';
import { Tenant } from './tenant/tenant.js';
import type { ApiMetadata } from 'atws/protocol';
import type { PicklistCatalog } from './tenant/picklists.js';

export { SIMULATOR_DEFAULTS, type SimulatorOptions } from './options.js';
export type { StoredEntity } from './tenant/store.js';

export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:40123` (asmx at `${url}/atservices/1.6/atws.asmx`). */
  readonly url: string;
  /** The asmx URL of an API version. */
  asmxUrl(version?: '1.5' | '1.6'): string;
  /** The WSDL URL of an API version. */
  wsdlUrl(version?: '1.5' | '1.6'): string;
  /**
   * The REST API's base URL as zoneInformation answers it, `http://127.0.0.1:<port>/ATServicesRest/`:
   * entity routes are `${restUrl}V1.0/Tickets/query`, the zone lookup
   * `${restUrl}V1.0/zoneInformation?user=...`. Log in with the `UserName`, `Secret` and
   * `ApiIntegrationCode` headers (the options' username, password and integration code).
   */
  readonly restUrl: string;
  /** The tenant's data, for tests to read (and arrange) directly. */
  readonly store: EntityStore;
  readonly picklists: PicklistCatalog;
  /** Requests answered per operation, faults injected, the total, and thread-limit refusals and peaks. */
  readonly stats: RequestStats;
  /** The metadata the store keeps its records in (the newest 1.6 revision's, or `--revision`'s). */
  readonly storeSchema: ApiMetadata;
  /** The options in force, defaults applied (password and integration code included: tests log in with them). */
  readonly options: Readonly<ResolvedSimulatorOptions>;
  /** Whether this start seeded the tenant (false when an existing --db file was reused). */
  readonly seeded: boolean;
  /** Requests counted in the rolling 60-minute window. */
  usageCount(): number;
  /** Stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
}

/**
 * Starts a simulator and resolves once it listens.
 *
 * @example const { url, close } = await startSimulator({ port: 0 });
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const faults = resolved.faults ? new FaultInjector(parseFaultSpec(resolved.faults), resolved.faultSeed) : undefined;
  const { versions, storeSchema } = await servedApis(resolved.revision);
  const tenant = new Tenant(resolved, storeSchema);
  const stats: RequestStats = { byOperation: new Map(), faults: new Map(), total: 0, threadLimited: 0, threadPeaks: tenant.threads.peak };
  // Each wire protocol is a front over the one tenant; the server routes requests to them by path.
  const fronts: HttpFront[] = [soapFront(tenant, versions, resolved.log), restFront(tenant, resolved.log)];
  const server = createSimulatorServer({ fronts, threads: tenant.threads, faults, stats, latencyMs: resolved.latencyMs, log: resolved.log });
  try {
    await listen(server, resolved.host, resolved.port);
  } catch (error) {
    tenant.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    asmxUrl: (version = '1.6') => `${url}/atservices/${version}/atws.asmx`,
    wsdlUrl: (version = '1.6') => `${url}/atservices/${version}/atws.wsdl`,
    restUrl: `${url}${REST_BASE_PATH}`,
    store: tenant.store,
    picklists: tenant.picklists,
    stats,
    options: resolved,
    storeSchema,
    seeded: tenant.seeded,
    usageCount: () => tenant.usage.count(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          tenant.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
