/**
 * Finding a user's zone: the anonymous `getZoneInfo(UserName)` on the discovery endpoint, cached
 * per user (and endpoint) for the life of the process, as the seed advises against repeating it.
 */
import { ZoneNotFoundError } from '../../protocol/errors.js';
import type { ApiVersion } from '../../protocol/metadata.js';
import { childText } from '../../protocol/soap/xml/xml-tree.js';
import type { GeneratedApi } from '../../generated-apis.js';
import type { HttpClient } from '../http/http-client.js';
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

async function askZone(api: GeneratedApi, http: HttpClient, discoveryUrl: string, username: string): Promise<ZoneInfo> {
  const client = new SoapClient(api, discoveryUrl, http, undefined, { integrationCode: undefined, impersonateAsResourceId: undefined });
  const result = await client.callTree('getZoneInfo', param('UserName', username));
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

/** The user's zone, asked once per process per discovery endpoint. Failures are not cached. */
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
