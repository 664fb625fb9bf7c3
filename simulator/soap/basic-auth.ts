/**
 * SOAP's credentials: HTTP Basic authentication (MattParr/python-atws `atws/connection.py` logs in
 * with a requests session's `auth = (username, password)`).
 */
import type { Credentials } from '../tenant/authentication.js';

/** Reads an `Authorization: Basic ...` header; undefined when absent or malformed. */
export function parseBasicAuth(header: string | undefined): Credentials | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
