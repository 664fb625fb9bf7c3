/**
 * Opening the REST transport of a connection: the zone found through the anonymous
 * `GET .../V1.0/zoneInformation?user=<name>` (cached per user and discovery URL, failures not
 * cached), whose `url` is the zone's `.../ATServicesRest/` base, unless `url` gave that base; then
 * the versioned base `.../ATServicesRest/V1.0/` every call goes under.
 */
import { ZoneNotFoundError } from '../../protocol/errors.js';
import type { ApiVersion } from '../../protocol/metadata.js';
import type { RestModel } from '../../protocol/rest/rest-model.js';
import { restVersionedBase } from '../../protocol/rest/rest-base-url.js';
import type { HttpClient } from '../http/http-client.js';
import { ApiError } from '../transport/api-error.js';
import type { ZoneInfo } from '../transport/transport.js';
import { anonymousGet, RestClient } from './rest-client.js';
import { RestTransport } from './rest-transport.js';
import { trustedZoneUrl } from '../transport/zone-trust.js';

/** What opening the REST transport needs of the connection's options. */
export interface RestConnectOptions {
  readonly username: string;
  readonly password: string;
  readonly apiVersion: ApiVersion;
  readonly integrationCode: string | undefined;
  readonly impersonateAsResourceId: number | undefined;
  /** The zone's `.../ATServicesRest/` base (or its `V1.0/` under it); undefined: discovered. */
  readonly url: string | undefined;
  readonly discoveryUrl: string;
  /** Origins a discovered zone may be on beside Autotask's and the discovery URL's. */
  readonly trustedZoneOrigins: readonly string[];
}

const zoneCache = new Map<string, Promise<ZoneInfo>>();

/** Forgets every cached REST zone (for tests, or after a tenant moved). */
export function clearRestZoneCache(): void {
  zoneCache.clear();
}

async function askZone(http: HttpClient, discoveryUrl: string, username: string): Promise<ZoneInfo> {
  const url = new URL(discoveryUrl);
  url.searchParams.set('user', username);
  let answer: unknown;
  try {
    answer = await anonymousGet(http, url.toString(), 'zoneInformation');
  } catch (error) {
    // An unknown user: HTTP 500 {"errors":["Zone information could not be determined"]} (apigrate/autotask-restapi issue 19).
    if (error instanceof ApiError) throw new ZoneNotFoundError(username, undefined);
    throw error;
  }
  const o = (answer ?? {}) as { url?: unknown; webUrl?: unknown; ci?: unknown; zoneName?: unknown };
  if (typeof o.url !== 'string' || o.url.trim() === '') throw new ZoneNotFoundError(username, undefined);
  return {
    url: o.url.trim(),
    errorCode: 0,
    dataBaseType: typeof o.zoneName === 'string' ? o.zoneName : undefined,
    ci: typeof o.ci === 'number' ? o.ci : undefined,
    webUrl: typeof o.webUrl === 'string' ? o.webUrl : undefined,
  };
}

/** The user's REST zone, asked once per process per discovery URL. */
export function discoverRestZone(http: HttpClient, discoveryUrl: string, username: string): Promise<ZoneInfo> {
  const key = `${discoveryUrl}\u0000${username.toLowerCase()}`;
  let zone = zoneCache.get(key);
  if (zone === undefined) {
    zone = askZone(http, discoveryUrl, username);
    zoneCache.set(key, zone);
    zone.catch(() => zoneCache.delete(key));
  }
  return zone;
}

/** The REST transport to the user's zone. */
export async function openRestTransport(
  resolved: RestConnectOptions,
  http: HttpClient,
  model: RestModel,
): Promise<{ readonly transport: RestTransport; readonly zone: ZoneInfo | undefined }> {
  let zone: ZoneInfo | undefined;
  let base: string;
  if (resolved.url !== undefined) {
    base = restVersionedBase(resolved.url, model.versionSegment);
  } else {
    zone = await discoverRestZone(http, resolved.discoveryUrl, resolved.username);
    // The zone's answer decides where the login goes: only a zone it may go to is taken.
    base = restVersionedBase(trustedZoneUrl(zone.url, resolved.discoveryUrl, resolved.trustedZoneOrigins, 'zoneInformation'), model.versionSegment);
  }
  const client = new RestClient(base, http, {
    username: resolved.username,
    secret: resolved.password,
    integrationCode: resolved.integrationCode,
    impersonateAsResourceId: resolved.impersonateAsResourceId,
  });
  return { transport: new RestTransport(client, http, model, resolved.apiVersion), zone };
}
