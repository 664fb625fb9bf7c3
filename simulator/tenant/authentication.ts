/**
 * Who may call the tenant: the one simulated API user (its secrets compared in constant time, so
 * that the simulator does not teach clients a timing side channel it would never have in
 * production), the integration code API 1.6 demands, and the resource a caller acts as. The
 * inputs are neutral: each front reads them from its wire (SOAP: HTTP Basic and the
 * AutotaskIntegrations header; REST: the UserName, Secret, ApiIntegrationCode and impersonation
 * headers) and words the refusals in its own form.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { EntityStore } from './store.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
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

/** The tenant's own API user and integration code. */
export interface ApiUser {
  readonly username: string;
  readonly password: string;
  readonly integrationCode: string;
  /** The resource a request acts as unless it impersonates another. */
  readonly resourceId: number;
}

/** What a front read of who is calling. */
export interface CallerIdentity {
  readonly credentials: Credentials | undefined;
  /** The integration code (tracking identifier) sent, trimmed; undefined or '' when none. */
  readonly integrationCode: string | undefined;
  /** Whether this API version demands one (1.6 does, 1.5 does not). */
  readonly integrationCodeRequired: boolean;
  /** The resource id to act as, as sent (trimmed); undefined or '' when none. */
  readonly impersonateAs: string | undefined;
}

/** An authenticated caller. */
export interface Caller {
  /**
   * The API tracking identifier the thread limit counts by: the integration code, else (API 1.5
   * without one) the user.
   */
  readonly trackingId: string;
  /** The resource the request acts as (creator stamps): the API user's, or the impersonated one. */
  readonly actingResourceId: number;
}

/** Why a caller is refused, for the front to word; checked in this order. */
export type AuthenticationRefusal =
  | { readonly refused: 'credentials' }
  | { readonly refused: 'integration-code-missing' }
  | { readonly refused: 'integration-code-unknown' }
  | { readonly refused: 'impersonation'; readonly resource: string };

/**
 * Checks a caller: credentials, then the integration code, then the impersonated resource (which
 * must be an active Resource of the tenant).
 */
export function authenticate(user: ApiUser, store: EntityStore, identity: CallerIdentity): Caller | AuthenticationRefusal {
  if (!credentialsMatch(identity.credentials, user)) return { refused: 'credentials' };
  const code = identity.integrationCode;
  if (code === undefined || code === '') {
    if (identity.integrationCodeRequired) return { refused: 'integration-code-missing' };
  } else if (!secretEquals(code, user.integrationCode)) {
    return { refused: 'integration-code-unknown' };
  }
  let actingResourceId = user.resourceId;
  const impersonated = identity.impersonateAs;
  if (impersonated !== undefined && impersonated !== '') {
    const id = Number(impersonated);
    const resource = Number.isInteger(id) ? store.get('Resource', id) : undefined;
    if (!resource || resource.values['Active'] === false) return { refused: 'impersonation', resource: impersonated };
    actingResourceId = id;
  }
  const trackingId = code ? `code:${code}` : `user:${user.username.toLowerCase()}`;
  return { trackingId, actingResourceId };
}
