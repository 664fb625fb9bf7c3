/** What a REST operation runs with: the tenant, the authenticated caller and the request as far as it matters. */
import type { Caller } from '../tenant/authentication.js';
import type { Tenant } from '../tenant/tenant.js';
import type { RestMethod } from 'atws/protocol';
import type { EntityRoute } from './rest-routes.js';

export interface RestContext {
  readonly tenant: Tenant;
  readonly caller: Caller;
  /** This server's base URL as the client reached it (`http://host:port`). */
  readonly baseUrl: string;
  readonly url: URL;
  /** The request body (empty for GET). */
  readonly body: string;
}

/** An entity route's call: its route and which of the route's methods the request is. */
export interface EntityCall extends RestContext {
  readonly route: EntityRoute;
  readonly method: RestMethod;
}

/** A query-string parameter by name without regard to case, as ASP.NET binds them. */
export function queryParameter(url: URL, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === lower) return value;
  return undefined;
}
