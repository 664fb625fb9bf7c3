/**
 * The versioned base of a REST zone, from however a user or zoneInformation gives it. The client
 * and `codegen pull --transport rest` both address the zone by it.
 */

/**
 * `.../ATServicesRest/V1.0/` for a zone base given as `.../ATServicesRest[/]` or
 * `.../ATServicesRest/V1.0[/]`, without query, fragment or user info (the headers carry the login;
 * user info in the URL would only be shown around).
 *
 * @example restVersionedBase('https://webservices2.autotask.net/ATServicesRest', 'V1.0'); // '.../ATServicesRest/V1.0/'
 */
export function restVersionedBase(url: string, versionSegment: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  let path = parsed.pathname.replace(/\/+$/, '');
  if (!path.toLowerCase().endsWith(`/${versionSegment.toLowerCase()}`)) path += `/${versionSegment}`;
  parsed.pathname = `${path}/`;
  return parsed.toString();
}
