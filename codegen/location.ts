/** Where codegen reads from: a file path or an http(s) URL, and how a location may be shown. */

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** The location as it may appear in messages and snapshots: a URL without user info or query. */
export function publicLocation(location: string): string {
  if (!isUrl(location)) return location;
  const url = new URL(location);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
