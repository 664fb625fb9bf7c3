/**
 * Finding a user's zone: the anonymous `getZoneInfo(UserName)` on the discovery endpoint, cached
 * per user (and endpoint) for the life of the process, as python-atws advises against repeating it.
 */
import { ZoneNotFoundError } from '../../protocol/errors.js';
import type { ApiVersion } from '../../protocol/metadata.js';
import { childText } from '../../protocol/soap/xml/xml-tree.js';
import { loadApi, type GeneratedApi } from '../../generated-apis.js';
import type { HttpClient } from '../http/http-client.js';
import { ApiError } from '../transport/api-error.js';
import type { ZoneInfo } from '../transport/transport.js';
import { param, SoapClient } from './soap-client.js';

/** `getZoneInfo`'s answer (its `url` is the zone's `atws.asmx`). */
export type { ZoneInfo };

const zoneCache = new Map<string, Promise<ZoneInfo>>();

/** Forgets every cached zone (for tests, or after a tenant moved). */
export function clearZoneCache(): void {
  zoneCache.clear();
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * The API version a discovery endpoint speaks, by its path (`.../atservices/1.5/atws.asmx`); 1.6,
 * the global endpoint's, when the path names none. getZoneInfo is the same in both versions, but
 * each endpoint takes only its own namespace.
 */
export function discoveryVersionOf(discoveryUrl: string): ApiVersion {
  return /\/atservices\/1\.5\//i.test(new URL(discoveryUrl).pathname) ? '1.5' : '1.6';
}

async function askZone(api: GeneratedApi, http: HttpClient, discoveryUrl: string, username: string): Promise<ZoneInfo> {
  const version = discoveryVersionOf(discoveryUrl);
  const speaking = api.metadata.apiVersion === version ? api : await loadApi(version);
  const client = new SoapClient(speaking, discoveryUrl, http, undefined, { integrationCode: undefined, impersonateAsResourceId: undefined });
  const result = await client.callTree('getZoneInfo', param('UserName', username)).catch((error: unknown) => {
    // A fault here is most often an endpoint of another version than its path says.
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError(
      `getZoneInfo at ${discoveryUrl} (asked in API ${version}'s namespace, chosen by the path /atservices/${version}/ or its absence) failed: ${error.message}`,
      error.details,
      { cause: error },
    );
  });
  const errorCode = toInt(result === undefined ? undefined : childText(result, 'ErrorCode'));
  const url = result === undefined ? undefined : childText(result, 'URL')?.trim();
  if (result === undefined || (errorCode !== undefined && errorCode !== 0) || url === undefined || url === '') {
    throw new ZoneNotFoundError(username, errorCode);
  }
  return {
    url,
    errorCode: errorCode ?? 0,
    dataBaseType: childText(result, 'DataBaseType'),
    ci: toInt(childText(result, 'CI')),
    webUrl: childText(result, 'WebUrl'),
  };
}

/**
 * The user's zone, asked once per process per discovery endpoint, in the version that endpoint
 * speaks (`api` when it is that version's). Failures are not cached.
 */
export function discoverZone(api: GeneratedApi, http: HttpClient, discoveryUrl: string, username: string): Promise<ZoneInfo> {
  const key = `${discoveryUrl}\u0000${username.toLowerCase()}`;
  let zone = zoneCache.get(key);
  if (zone === undefined) {
    zone = askZone(api, http, discoveryUrl, username);
    zoneCache.set(key, zone);
    zone.catch(() => zoneCache.delete(key));
  }
  return zone;
}

/**
 * The zone URL for the API version in use: zones answer `.../atservices/1.6/atws.asmx`; a 1.5
 * connection talks to the same zone's `/1.5/` path.
 */
export function zoneUrlFor(url: string, version: ApiVersion): string {
  return url.replace(/\/atservices\/1\.[56]\//i, `/atservices/${version}/`);
}
