/**
 * `connect()`: checks the options, finds the zone (once per user per process) unless given its
 * URL, and returns a {@link Connection} typed by the API version asked for.
 */
import type { ApiVersion } from '../protocol/metadata.js';
import type { ImportedVersion, VersionNotImported, VersionOf } from '../protocol/api-versions.js';
import { loadApi, type ApiModule } from './api-registry.js';
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
export type ConnectOptions<V extends ApiVersion = '1.6'> = OptionFields<V> & { readonly api?: undefined } &
  ('1.6' extends V ? { readonly integrationCode: string } : unknown) &
  (V extends ImportedVersion ? unknown : { readonly [reason in VersionNotImported<V>]: never });

/**
 * What {@link connect} takes with a generated module as `api`: the connection uses that module's
 * classes and metadata, and is typed by them (`Connection<typeof api>`); `apiVersion` may be left
 * out (the module is of one version) and must be the module's when given.
 *
 * @example
 * import * as tenant from './atws/generated/v1_6/index.js';
 * const options: ConnectApiOptions<typeof tenant> = { username, password, integrationCode, api: tenant };
 */
export type ConnectApiOptions<A extends ApiModule> = OptionFields<NoInfer<VersionOf<A>>> & { readonly api: A } &
  ('1.6' extends VersionOf<A> ? { readonly integrationCode: string } : unknown);

/**
 * Connects to Autotask. API 1.6 (the default) needs `integrationCode`; the zone is discovered
 * through `getZoneInfo` unless `url` is given. With `api` (a generated module: a tenant's, from
 * `atws codegen generate`) the connection makes that module's classes and is typed by it.
 *
 * @example
 * const at = await connect({ username: 'api@example.com', password, integrationCode: 'ABC123' });
 */
// One signature, not an overload per form: a compiler reports a failed overloaded call by one
// overload's error (TypeScript 7: the last), which for the other form says nothing useful.
export async function connect<V extends ApiVersion = '1.6', A extends ApiModule | undefined = undefined>(
  options: A extends ApiModule ? ConnectApiOptions<A> : ConnectOptions<V>,
): Promise<Connection<NoInfer<A extends ApiModule ? A : V>>>;
export async function connect(options: ConnectOptions<ApiVersion> | ConnectApiOptions<ApiModule>): Promise<Connection<ApiVersion | ApiModule>> {
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
  const api = resolved.api ?? (await loadApi(resolved.apiVersion));
  let zone: ZoneInfo | undefined;
  let endpoint: string;
  if (resolved.url !== undefined) {
    endpoint = endpointOf(resolved.url);
  } else {
    // getZoneInfo is the same in both versions; the global endpoint is a 1.6 one.
    zone = await discoverZone(api.metadata.apiVersion === '1.6' ? api : await loadApi('1.6'), transport, resolved.discoveryUrl, resolved.username);
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
  return new Connection<ApiVersion | ApiModule>({
    apiVersion: resolved.apiVersion,
    api,
    soap,
    transport,
    zone,
    concurrency: resolved.concurrency,
  });
}
