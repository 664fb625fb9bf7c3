/**
 * `connect()`: checks the options, finds the zone (once per user per process) unless given its
 * URL, and returns a {@link Connection} typed by the API version asked for.
 */
import type { ApiVersion } from '../protocol/metadata.js';
import type { ImportedVersion, VersionNotImported } from '../protocol/api-versions.js';
import { loadApi } from './api-registry.js';
import { Connection } from './connection.js';
import { endpointOf, resolveOptions, type ConnectOptions as OptionFields } from './connection-options.js';
import { DebugLog } from './debug-log.js';
import { HttpTransport } from './http-transport.js';
import { SoapClient, type RequestLimits } from './soap-client.js';
import { EndpointLimiter } from './endpoint-limiter.js';
import { UsagePacer } from './usage-pacer.js';
import { readThresholdAndUsage } from './usage-info.js';
import { SupportFiles } from './support-files.js';
import { discoverZone, zoneUrlFor, type ZoneInfo } from './zone-discovery.js';
import { registerSecrets } from '../protocol/redaction.js';

/**
 * What {@link connect} takes: the option fields, with `integrationCode` required for API 1.6 (the
 * default; Autotask refuses a 1.6 request without it), and the version's generated code imported.
 *
 * @example
 * const options: ConnectOptions = { username: 'api@example.com', password, integrationCode: 'ABC123' };
 */
export type ConnectOptions<V extends ApiVersion = '1.6'> = OptionFields<V> &
  ('1.6' extends V ? { readonly integrationCode: string } : unknown) &
  (V extends ImportedVersion ? unknown : { readonly [reason in VersionNotImported<V>]: never });

/**
 * Connects to Autotask. API 1.6 (the default) needs `integrationCode`; the zone is discovered
 * through `getZoneInfo` unless `url` is given.
 *
 * @example
 * const at = await connect({ username: 'api@example.com', password, integrationCode: 'ABC123' });
 */
export async function connect<V extends ApiVersion = '1.6'>(options: ConnectOptions<V>): Promise<Connection<V>> {
  const resolved = resolveOptions(options);
  // Registered before any request, so that every error of this login is redacted when it is made.
  const redactor = registerSecrets(resolved);
  const supportFiles = resolved.supportFilesPath === undefined ? undefined : new SupportFiles(resolved.supportFilesPath, redactor);
  const transport = new HttpTransport({
    timeoutMs: resolved.timeoutMs,
    deadlineMs: resolved.deadlineMs,
    retries: resolved.retries,
    retryBaseDelayMs: resolved.retryBaseDelayMs,
    maxAnswerBytes: resolved.maxAnswerBytes,
    insecureSkipTlsVerify: resolved.insecureSkipTlsVerify,
    supportFiles,
    debug: resolved.debug === undefined ? undefined : new DebugLog(resolved.debug, redactor),
    redactor,
  });
  const api = await loadApi(resolved.apiVersion);
  let zone: ZoneInfo | undefined;
  let endpoint: string;
  if (resolved.url !== undefined) {
    endpoint = endpointOf(resolved.url);
  } else {
    // getZoneInfo is the same in both versions; the global endpoint is a 1.6 one.
    zone = await discoverZone(await loadApi('1.6'), transport, resolved.discoveryUrl, resolved.username);
    endpoint = endpointOf(zoneUrlFor(zone.url, resolved.apiVersion));
  }
  const limiter = new EndpointLimiter(resolved.threadLimit);
  // The pacer reads usage through the client it paces (getThresholdAndUsageInfo is not paced).
  const pacerReads: { soap?: SoapClient } = {};
  const limits: RequestLimits =
    resolved.usageCheckEvery === 0
      ? { limiter }
      : {
          limiter,
          pacer: new UsagePacer(() => readThresholdAndUsage(pacerReads.soap as SoapClient), {
            checkEvery: resolved.usageCheckEvery,
            slowAtPercent: resolved.slowAtPercent,
          }),
        };
  const soap = new SoapClient(api, endpoint, transport, { username: resolved.username, password: resolved.password }, {
    integrationCode: resolved.integrationCode,
    impersonateAsResourceId: resolved.impersonateAsResourceId,
  }, limits);
  if (limits.pacer !== undefined) pacerReads.soap = soap;
  return new Connection<V>({
    apiVersion: resolved.apiVersion as V,
    api,
    soap,
    transport,
    zone,
    concurrency: resolved.concurrency,
  });
}
