/**
 * HTTP Basic authentication of the one simulated API user, compared in constant time so that the
 * simulator does not teach clients a timing side channel it would never have in production.
 */
import { timingSafeEqual, createHash } from 'node:crypto';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

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

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time equality of two secrets (hashing first evens out their lengths). */
export function secretEquals(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Autotask user names are e-mail addresses and compared without regard to case. */
export function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function credentialsMatch(given: Credentials | undefined, expected: Credentials): boolean {
  if (!given) return false;
  // Both comparisons always run: no early exit on a wrong user name.
  const user = secretEquals(given.username.toLowerCase(), expected.username.toLowerCase());
  const password = secretEquals(given.password, expected.password);
  return user && password;
}
