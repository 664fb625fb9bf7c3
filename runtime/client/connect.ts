/**
 * `connect()`: checks the options, opens the transport (SOAP: finding the zone once per user per
 * process unless given its URL), puts the connection's policies around it, and returns a
 * {@link Connection} typed by the API version asked for.
 */
import type { ApiVersion } from '../protocol/metadata.js';
import type { ImportedVersion, VersionNotImported, VersionOf } from '../protocol/api-versions.js';
import { loadApi, type GeneratedApi } from './api-registry.js';
import { Connection } from './connection.js';
import { resolveOptions, type ConnectOptions as OptionFields, type TransportName } from './connection-options.js';
import { DebugLog } from './http/debug-log.js';
import { HttpClient } from './http/http-client.js';
import { SupportFiles } from './http/support-files.js';
import { withPolicies } from './policies/connection-policies.js';
import { openRestTransport } from './rest/rest-connect.js';
import { openSoapTransport } from './soap/soap-connect.js';
import { registerSecrets } from '../protocol/redaction.js';

/**
 * What {@link connect} takes: the option fields, with `integrationCode` required for API 1.6 (the
 * default; Autotask refuses a 1.6 request without it), and the version's generated code imported.
 * `T` is the transport the options name (SOAP unless told), which types the connection made.
 *
 * @example
 * const options: ConnectOptions = { username: 'api@example.com', password, integrationCode: 'ABC123' };
 */
export type ConnectOptions<V extends ApiVersion = '1.6', T extends TransportName = 'soap'> = OptionFields<V, T> & {
  readonly api?: undefined;
} & ('1.6' extends V ? { readonly integrationCode: string } : unknown) &
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
export type ConnectApiOptions<A extends GeneratedApi, T extends TransportName = 'soap'> = OptionFields<NoInfer<VersionOf<A>>, T> & {
  readonly api: A;
} & ('1.6' extends VersionOf<A> ? { readonly integrationCode: string } : unknown);

/**
 * Connects to Autotask. API 1.6 (the default) needs `integrationCode`; the zone is discovered
 * through `getZoneInfo` unless `url` is given. With `api` (a generated module: a tenant's, from
 * `atws codegen generate`) the connection makes that module's classes and is typed by it.
 *
 * @example
 * const at = await connect({ username: 'api@example.com', password, integrationCode: 'ABC123' });
 */
// One signature, not an overload per form: a compiler reports a failed overloaded call by one
// overload's error (TypeScript 7: the last), which for the other form says nothing useful. The
// transport's literal (`'rest'`; `'soap'` when left out) types the connection by it.
export async function connect<V extends ApiVersion = '1.6', A extends GeneratedApi | undefined = undefined, T extends TransportName = 'soap'>(
  options: A extends GeneratedApi ? ConnectApiOptions<A, T> : ConnectOptions<V, T>,
): Promise<Connection<NoInfer<A extends GeneratedApi ? A : V>, NoInfer<T>>>;
export async function connect(
  options: ConnectOptions<ApiVersion, TransportName> | ConnectApiOptions<GeneratedApi, TransportName>,
): Promise<Connection<ApiVersion | GeneratedApi, TransportName>> {
  const resolved = resolveOptions(options);
  // Registered before any request, so that every error of this login is redacted when it is made.
  const redactor = registerSecrets(resolved);
  const supportFiles = resolved.supportFilesPath === undefined ? undefined : new SupportFiles(resolved.supportFilesPath, redactor);
  const http = new HttpClient({
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
  const { transport, zone } =
    resolved.transport === 'rest'
      ? await openRestTransport(resolved, http, (await import('atws/rest-model')).restModel)
      : await openSoapTransport(resolved, http, api);
  return new Connection<ApiVersion | GeneratedApi, TransportName>({
    apiVersion: resolved.apiVersion,
    transportName: resolved.transport,
    api,
    transport: withPolicies(transport, resolved),
    zone,
    concurrency: resolved.concurrency,
  });
}
