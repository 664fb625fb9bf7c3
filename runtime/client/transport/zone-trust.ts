/**
 * Which zone a discovery answer may send the login to. Zone discovery is anonymous, and its answer
 * says where every later request (each carrying the credentials) goes: believed as it stands, a
 * hostile or broken discovery endpoint would collect the password, over plain HTTP too. Autotask's
 * zones are HTTPS hosts of its own domain (getZoneInfo's documented answers and production's
 * zoneInformation answers are `https://webservicesN.autotask.net/...`), so a zone is believed when it
 * is one of those, when it is on the very origin the caller named as `discoveryUrl` (the caller
 * chose that host: a simulator or a proxy of their own), or when the caller opted in to its origin
 * with `trustedZoneOrigins`. Any other answer, or one that is no http(s) URL, is refused before a
 * credential goes out, naming the origin and the option.
 */
import { redactKnownSecrets } from '../../protocol/redaction.js';
import { ApiError } from './api-error.js';

/** Autotask's own domain: its zones are HTTPS hosts under it. */
export const AUTOTASK_ZONE_DOMAIN = 'autotask.net';

function refused(operation: string, what: string): ApiError {
  return new ApiError(`${operation}: ${what}; the login is not sent there`, { operation, messages: [] });
}

/**
 * The zone URL `answered` by `operation` at `discoveryUrl` when it may be given the login; throws an
 * ApiError saying why not otherwise.
 *
 * @example
 * const endpoint = trustedZoneUrl(zone.url, 'https://webservices.autotask.net/atservices/1.6/atws.asmx', [], 'getZoneInfo');
 */
export function trustedZoneUrl(answered: string, discoveryUrl: string, trustedOrigins: readonly string[], operation: string): string {
  let url: URL;
  try {
    url = new URL(answered);
  } catch {
    // Redacted before it is cut, so that no part of a secret shows.
    const shown = redactKnownSecrets(answered);
    throw refused(operation, `the zone URL answered is not a URL: ${JSON.stringify(shown.length > 120 ? `${shown.slice(0, 120)}...` : shown)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refused(operation, `the zone URL answered is not an http(s) URL (${url.protocol})`);
  }
  const host = url.hostname.toLowerCase();
  const autotask = url.protocol === 'https:' && (host === AUTOTASK_ZONE_DOMAIN || host.endsWith(`.${AUTOTASK_ZONE_DOMAIN}`));
  if (autotask || url.origin === new URL(discoveryUrl).origin || trustedOrigins.includes(url.origin)) return answered;
  throw refused(
    operation,
    `the zone answered, ${url.origin}, is neither an HTTPS host of Autotask's (*.${AUTOTASK_ZONE_DOMAIN}) nor the origin of discoveryUrl; ` +
      `if you trust it, pass trustedZoneOrigins: ['${url.origin}'] to connect()`,
  );
}
