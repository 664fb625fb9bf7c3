/**
 * Opening the SOAP transport of a connection: the zone found through `getZoneInfo` (cached per
 * user) unless its URL was given, the zone's endpoint for the API version, the login and the
 * `AutotaskIntegrations` header.
 */
import type { ApiVersion } from '../../protocol/metadata.js';
import type { GeneratedApi } from '../../generated-apis.js';
import type { HttpClient } from '../http/http-client.js';
import type { ZoneInfo } from '../transport/transport.js';
import { SoapClient } from './soap-client.js';
import { SoapTransport } from './soap-transport.js';
import { discoverZone, zoneUrlFor } from './zone-discovery.js';
import { trustedZoneUrl } from '../transport/zone-trust.js';

/** What opening the SOAP transport needs of the connection's options. */
export interface SoapConnectOptions {
  readonly username: string;
  readonly password: string;
  readonly apiVersion: ApiVersion;
  readonly integrationCode: string | undefined;
  readonly impersonateAsResourceId: number | undefined;
  /** The zone's asmx or WSDL URL; undefined: discovered. */
  readonly url: string | undefined;
  readonly discoveryUrl: string;
  /** Origins a discovered zone may be on beside Autotask's and the discovery URL's. */
  readonly trustedZoneOrigins: readonly string[];
}

export interface OpenedTransport<T> {
  readonly transport: T;
  /** What zone discovery answered (undefined when the URL was given). */
  readonly zone: ZoneInfo | undefined;
}

/** The SOAP transport to the user's zone. */
export async function openSoapTransport(resolved: SoapConnectOptions, http: HttpClient, api: GeneratedApi): Promise<OpenedTransport<SoapTransport>> {
  let zone: ZoneInfo | undefined;
  let endpoint: string;
  if (resolved.url !== undefined) {
    endpoint = endpointOf(resolved.url);
  } else {
    // getZoneInfo is the same in both versions; the discovery endpoint's path says which it speaks.
    zone = await discoverZone(api, http, resolved.discoveryUrl, resolved.username);
    // The zone's answer decides where the login goes: only a zone it may go to is taken.
    const zoneUrl = trustedZoneUrl(zone.url, resolved.discoveryUrl, resolved.trustedZoneOrigins, 'getZoneInfo');
    endpoint = endpointOf(zoneUrlFor(zoneUrl, resolved.apiVersion));
  }
  const soap = new SoapClient(
    api,
    endpoint,
    http,
    { username: resolved.username, password: resolved.password },
    {
      integrationCode: resolved.integrationCode,
      impersonateAsResourceId: resolved.impersonateAsResourceId,
    },
  );
  return { transport: new SoapTransport(soap, http), zone };
}

/** The asmx endpoint for a zone URL given as the WSDL (`...atws.asmx?WSDL`, `...atws.wsdl`) or the asmx itself. */
export function endpointOf(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  // The Authorization header carries the login; user info in the URL would only be shown around.
  parsed.username = '';
  parsed.password = '';
  if (parsed.pathname.toLowerCase().endsWith('.wsdl')) parsed.pathname = parsed.pathname.slice(0, -'.wsdl'.length) + '.asmx';
  return parsed.toString();
}
