/**
 * What `connect()` takes, and the checks made before any request goes out, so that a missing
 * integration code or a malformed URL fails at once with a message naming the option.
 */
import { UsageError } from '../errors.js';
import type { ApiVersion } from '../metadata.js';
import { debugSink, type DebugOption } from './debug-log.js';

/** Autotask's global endpoint, where `getZoneInfo` tells each user's zone. */
export const DEFAULT_DISCOVERY_URL = 'https://webservices.autotask.net/atservices/1.6/atws.asmx';

/** How many requests of one cursor may be in flight at once (next query page, action packets). */
export const DEFAULT_CONCURRENCY = 2;
/** Milliseconds a request may take, from sending to the last byte of the answer. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Extra attempts for operations safe to repeat (never `create`). */
export const DEFAULT_RETRIES = 3;

/**
 * Options of {@link connect}.
 *
 * @example
 * const at = await connect({ username: 'api@example.com', password, integrationCode: 'ABC123' });
 */
export interface ConnectOptions<V extends ApiVersion = ApiVersion> {
  /** The API user's name (also the key of zone discovery). */
  readonly username: string;
  readonly password: string;
  /** `'1.6'` (default) needs `integrationCode`; `'1.5'` sends it when given. */
  readonly apiVersion?: V;
  /** The tracking identifier Autotask issued to the integration; sent in the `AutotaskIntegrations` header. */
  readonly integrationCode?: string;
  /** Act as this resource (`ImpersonateAsResourceID` in the `AutotaskIntegrations` header). */
  readonly impersonateAsResourceId?: number;
  /** The zone's `atws.asmx` (or its `.wsdl`) URL; skips zone discovery. */
  readonly url?: string;
  /** Where `getZoneInfo` is asked for the zone; default {@link DEFAULT_DISCOVERY_URL}. */
  readonly discoveryUrl?: string;
  /** A directory: every request and answer is written there as `<timestamp>-<uuid>-sent.xml` / `-received.xml`, secrets redacted. */
  readonly supportFilesPath?: string;
  /** Requests one cursor keeps in flight (query prefetch, action packets); default {@link DEFAULT_CONCURRENCY}; 1 runs strictly one after another. */
  readonly concurrency?: number;
  /** Per-request timeout in milliseconds; default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Extra attempts on a reset, a 5xx or a timeout, for operations safe to repeat; default {@link DEFAULT_RETRIES}. `create` is never retried. */
  readonly retries?: number;
  /** First backoff delay in milliseconds (doubles per attempt, with full jitter); default 200. */
  readonly retryBaseDelayMs?: number;
  /**
   * Turns off TLS certificate checks. Only for a test server with a self-signed certificate:
   * it lets anyone in the middle read the password.
   */
  readonly insecureSkipTlsVerify?: boolean;
  /**
   * One line per request, answer and retry (operation, URL, attempt, HTTP status, bytes, ms), never
   * a secret: `true` writes to stderr, a function gets each line. When not given, the environment
   * variable `ATWS_DEBUG=1` turns it on (to stderr).
   */
  readonly debug?: DebugOption;
}

/** The options after defaults and checks. */
export interface ResolvedOptions {
  readonly username: string;
  readonly password: string;
  readonly apiVersion: ApiVersion;
  readonly integrationCode: string | undefined;
  readonly impersonateAsResourceId: number | undefined;
  readonly url: string | undefined;
  readonly discoveryUrl: string;
  readonly supportFilesPath: string | undefined;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  readonly insecureSkipTlsVerify: boolean;
  /** Where debug lines go; undefined when debug logging is off. */
  readonly debug: ((line: string) => void) | undefined;
}

const KNOWN_OPTIONS = new Set([
  'username', 'password', 'apiVersion', 'integrationCode', 'impersonateAsResourceId', 'url', 'discoveryUrl',
  'supportFilesPath', 'concurrency', 'timeoutMs', 'retries', 'retryBaseDelayMs', 'insecureSkipTlsVerify', 'debug',
]);

function checkUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`connect: \`${name}\` must be a non-empty URL string`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(`connect: \`${name}\` is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`connect: \`${name}\` must be an http(s) URL, got ${parsed.protocol}`);
  }
  return value;
}

function checkInteger(name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new UsageError(`connect: \`${name}\` must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Applies defaults and rejects bad options before any request. */
export function resolveOptions(options: ConnectOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new UsageError('connect: options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new UsageError(`connect: unknown option \`${key}\``);
  }
  const { username, password } = options;
  if (typeof username !== 'string' || username === '') throw new UsageError('connect: `username` must be a non-empty string');
  if (typeof password !== 'string' || password === '') throw new UsageError('connect: `password` must be a non-empty string');
  const apiVersion = options.apiVersion ?? '1.6';
  if (apiVersion !== '1.5' && apiVersion !== '1.6') {
    throw new UsageError(`connect: \`apiVersion\` must be '1.5' or '1.6', got ${JSON.stringify(apiVersion)}`);
  }
  const integrationCode = options.integrationCode;
  if (integrationCode !== undefined && (typeof integrationCode !== 'string' || integrationCode === '')) {
    throw new UsageError('connect: `integrationCode` must be a non-empty string');
  }
  if (apiVersion === '1.6' && integrationCode === undefined) {
    throw new UsageError(
      'connect: API 1.6 requires `integrationCode` (the tracking identifier Autotask issued); pass it, or use apiVersion: \'1.5\'',
    );
  }
  const impersonate = options.impersonateAsResourceId;
  if (impersonate !== undefined && (typeof impersonate !== 'number' || !Number.isInteger(impersonate) || impersonate <= 0)) {
    throw new UsageError(`connect: \`impersonateAsResourceId\` must be a positive integer resource id, got ${JSON.stringify(impersonate)}`);
  }
  if (options.supportFilesPath !== undefined && (typeof options.supportFilesPath !== 'string' || options.supportFilesPath === '')) {
    throw new UsageError('connect: `supportFilesPath` must be a non-empty directory path');
  }
  if (options.insecureSkipTlsVerify !== undefined && typeof options.insecureSkipTlsVerify !== 'boolean') {
    throw new UsageError('connect: `insecureSkipTlsVerify` must be a boolean');
  }
  if (options.debug !== undefined && typeof options.debug !== 'boolean' && typeof options.debug !== 'function') {
    throw new UsageError(`connect: \`debug\` must be a boolean or a function taking each line, got ${typeof options.debug}`);
  }
  return {
    username,
    password,
    apiVersion,
    integrationCode,
    impersonateAsResourceId: impersonate,
    url: options.url === undefined ? undefined : checkUrl('url', options.url),
    discoveryUrl: options.discoveryUrl === undefined ? DEFAULT_DISCOVERY_URL : checkUrl('discoveryUrl', options.discoveryUrl),
    supportFilesPath: options.supportFilesPath,
    concurrency: checkInteger('concurrency', options.concurrency, 1, DEFAULT_CONCURRENCY),
    timeoutMs: checkInteger('timeoutMs', options.timeoutMs, 1, DEFAULT_TIMEOUT_MS),
    retries: checkInteger('retries', options.retries, 0, DEFAULT_RETRIES),
    retryBaseDelayMs: checkInteger('retryBaseDelayMs', options.retryBaseDelayMs, 0, 200),
    insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false,
    debug: debugSink(options.debug),
  };
}

/** The asmx endpoint for a zone URL given as the WSDL (`...atws.asmx?WSDL`, `...atws.wsdl`) or the asmx itself. */
export function endpointOf(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  if (parsed.pathname.toLowerCase().endsWith('.wsdl')) parsed.pathname = parsed.pathname.slice(0, -'.wsdl'.length) + '.asmx';
  return parsed.toString();
}
