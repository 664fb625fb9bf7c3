/**
 * Raw REST over HTTP for the simulator's REST tests: requests written by hand with fetch (as any
 * HTTP client would send them), answers read back as status, headers and parsed JSON.
 */
import { SIMULATOR_DEFAULTS, type RunningSimulator } from '../../../../simulator/index.js';

/** The three login headers, spelled as the swagger spells them. */
export function loginHeaders(overrides: Record<string, string | null> = {}): Record<string, string> {
  const headers: Record<string, string | null> = {
    ApiIntegrationCode: SIMULATOR_DEFAULTS.integrationCode,
    UserName: SIMULATOR_DEFAULTS.username,
    Secret: SIMULATOR_DEFAULTS.password,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== null));
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: any;
}

export interface RestOptions {
  /** A JSON body (stringified) or raw text. */
  body?: unknown;
  /** Headers in place of the login headers (null: none). */
  headers?: Record<string, string> | null;
}

/**
 * Sends `method` to `path`: relative to the REST base (`V1.0/Tickets/query`), or absolute
 * (`http://...`, a nextPageUrl).
 */
export async function rest(sim: RunningSimulator, method: string, path: string, options: RestOptions = {}): Promise<RestAnswer> {
  const url = /^https?:/.test(path) ? path : `${sim.restUrl}${path}`;
  const headers: Record<string, string> = { ...(options.headers === null ? {} : (options.headers ?? loginHeaders())) };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The answer's JSON when it is 200; throws with the answer otherwise. */
export function okJson(answer: RestAnswer): any {
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.json;
}

/** The `errors` of a refusal with `status`; throws otherwise. */
export function errorsOf(answer: RestAnswer, status = 500): string[] {
  if (answer.status !== status || !Array.isArray(answer.json?.errors)) {
    throw new Error(`expected HTTP ${status} with errors, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return answer.json.errors as string[];
}

/** `GET {C}/query?search=` of a query object. */
export function searchPath(collection: string, query: unknown, tail = 'query'): string {
  return `V1.0/${collection}/${tail}?search=${encodeURIComponent(JSON.stringify(query))}`;
}

/** The ids of a query answer's items. */
export function ids(json: any): number[] {
  return (json.items as Array<{ id: number }>).map((item) => item.id);
}
