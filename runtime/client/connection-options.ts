/**
 * What `connect()` takes, and the checks made before any request goes out, so that a missing
 * integration code or a malformed URL fails at once with a message naming the option.
 */
import { inspect } from 'node:util';
import { UsageError } from '../protocol/errors.js';
import type { ApiVersion } from '../protocol/metadata.js';
import { isApiVersion } from '../protocol/api-version-list.js';
import type { GeneratedApi } from './api-registry.js';
import { redactKnownSecrets } from '../protocol/redaction.js';
import { debugSink, type DebugOption } from './http/debug-log.js';
import { didYouMean } from './did-you-mean.js';
import { DEFAULT_THREAD_LIMIT } from './policies/endpoint-limiter.js';
import { DEFAULT_SLOW_AT_PERCENT, DEFAULT_USAGE_CHECK_EVERY } from './policies/usage-pacer.js';

/** Autotask's global endpoint, where `getZoneInfo` tells each user's zone. */
export const DEFAULT_DISCOVERY_URL = 'https://webservices.autotask.net/atservices/1.6/atws.asmx';

/** Autotask's global REST zone discovery ("ZoneInformation (non-authenticated)" of Autotask's Postman collection). */
export const DEFAULT_REST_DISCOVERY_URL = 'https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation';

/** The wire protocols a connection speaks. */
export type TransportName = 'soap' | 'rest';

/**
 * How many requests of one cursor may be in flight at once (next query page, action packets):
 * Autotask's thread limit, so that one action pipeline can use all of an endpoint's threads.
 */
export const DEFAULT_CONCURRENCY = DEFAULT_THREAD_LIMIT;
/** Milliseconds one attempt of a request may take, from sending to the last byte of the answer. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Milliseconds one call (one request with all its retries and the waits between them) may take:
 * a hung server surfaces after this long at most, whatever `retries` says.
 */
export const DEFAULT_DEADLINE_MS = 120_000;
/** Extra attempts for operations safe to repeat (never `create`). */
export const DEFAULT_RETRIES = 3;
/**
 * The largest answer read, in bytes (32 MiB): a small answer is read as a whole tree, so a larger
 * one (a hostile or broken server) would exhaust memory. The largest real answers are attachments
 * (at most about 10 MB, 13.4 MB in base64) and `GetFieldInfo` of entities with long picklists.
 */
export const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * Options of {@link connect}.
 *
 * @example
 * const at = await connect({ username: 'api@example.com', password, integrationCode: 'ABC123' });
 */
export interface ConnectOptions<V extends ApiVersion = ApiVersion, T extends TransportName = TransportName> {
  /** The API user's name (also the key of zone discovery). */
  readonly username: string;
  readonly password: string;
  /** `'1.6'` (default) needs `integrationCode`; `'1.5'` sends it when given. */
  readonly apiVersion?: V | undefined;
  /** The tracking identifier Autotask issued to the integration; sent in the `AutotaskIntegrations` header. */
  readonly integrationCode?: string | undefined;
  /** Act as this resource (`ImpersonateAsResourceID` in the `AutotaskIntegrations` header). */
  readonly impersonateAsResourceId?: number | undefined;
  /** The zone's `atws.asmx` (or its `.wsdl`) URL; skips zone discovery. */
  readonly url?: string | undefined;
  /** Where `getZoneInfo` is asked for the zone; default {@link DEFAULT_DISCOVERY_URL}. */
  readonly discoveryUrl?: string | undefined;
  /**
   * Origins (`https://host[:port]`) a discovered zone may be on besides Autotask's own HTTPS hosts
   * (`*.autotask.net`) and the origin of `discoveryUrl`: any other zone discovery answers is refused
   * before the login is sent to it.
   */
  readonly trustedZoneOrigins?: readonly string[] | undefined;
  /** A directory: every request and answer is written there as `<timestamp>-<uuid>-<operation>-sent.xml` / `-received.xml`, secrets redacted. */
  readonly supportFilesPath?: string | undefined;
  /** Requests one cursor keeps in flight (query prefetch, action write calls); default {@link DEFAULT_CONCURRENCY}; 1 runs strictly one after another. */
  readonly concurrency?: number | undefined;
  /** Timeout of one attempt in milliseconds (sending to the last byte of the answer); default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
  /**
   * Milliseconds one call may take, every attempt and wait included; default {@link DEFAULT_DEADLINE_MS}.
   * An attempt is cut short at the deadline, and no retry starts that the deadline would not allow.
   */
  readonly deadlineMs?: number | undefined;
  /** Extra attempts on a reset, a timeout, a 429 or a 5xx, for operations safe to repeat; default {@link DEFAULT_RETRIES}. `create` is never retried. */
  readonly retries?: number | undefined;
  /** The largest answer accepted, in bytes; a larger one fails with a `TransportError` as soon as it passes the limit. Default {@link DEFAULT_MAX_ANSWER_BYTES}. */
  readonly maxAnswerBytes?: number | undefined;
  /** First backoff delay in milliseconds (doubles per attempt, with full jitter); default 200. */
  readonly retryBaseDelayMs?: number | undefined;
  /**
   * Turns off TLS certificate checks. Only for a test server with a self-signed certificate:
   * it lets anyone in the middle read the password.
   */
  readonly insecureSkipTlsVerify?: boolean | undefined;
  /**
   * One line per request, answer and retry (operation, URL, attempt, HTTP status, bytes, ms), never
   * a secret: `true` writes to stderr, a function gets each line. When not given, the environment
   * variable `ATWS_DEBUG=1` turns it on (to stderr).
   */
  readonly debug?: DebugOption | undefined;
  /**
   * Requests in flight at once per object endpoint (entity) across the whole connection: every
   * cursor, action and read-back queues for it. Default 3, Autotask's thread limit per integration code.
   */
  readonly threadLimit?: number | undefined;
  /** Read `getThresholdAndUsageInfo` every this many requests (default 250); 0 never reads it on its own. */
  readonly usageCheckEvery?: number | undefined;
  /**
   * The wire protocol: `'soap'` (default, ATWS) or `'rest'` (Autotask's REST API v1.0: the password
   * is the REST `Secret`; `url` is the zone's `.../ATServicesRest/` base; `discoveryUrl` defaults to
   * {@link DEFAULT_REST_DISCOVERY_URL}). The same classes and queries run over both.
   */
  readonly transport?: T | undefined;
  /** At this usage percentage (default 80) requests are spaced to the threshold's sustainable rate. */
  readonly slowAtPercent?: number | undefined;
}

/** The options after defaults and checks. */
export interface ResolvedOptions {
  readonly transport: TransportName;
  readonly username: string;
  readonly password: string;
  readonly apiVersion: ApiVersion;
  /** The generated module given as `api`; undefined: the package's own of `apiVersion`. */
  readonly api: GeneratedApi | undefined;
  readonly integrationCode: string | undefined;
  readonly impersonateAsResourceId: number | undefined;
  readonly url: string | undefined;
  readonly discoveryUrl: string;
  /** Origins a discovered zone may be on beside Autotask's and the discovery URL's (zone-trust.ts). */
  readonly trustedZoneOrigins: readonly string[];
  readonly supportFilesPath: string | undefined;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  readonly maxAnswerBytes: number;
  readonly insecureSkipTlsVerify: boolean;
  /** Where debug lines go; undefined when debug logging is off. */
  readonly debug: ((line: string) => void) | undefined;
  readonly threadLimit: number;
  readonly usageCheckEvery: number;
  readonly slowAtPercent: number;
}

const KNOWN_OPTIONS = new Set([
  'api',
  'username',
  'password',
  'apiVersion',
  'integrationCode',
  'impersonateAsResourceId',
  'url',
  'discoveryUrl',
  'trustedZoneOrigins',
  'supportFilesPath',
  'concurrency',
  'timeoutMs',
  'deadlineMs',
  'retries',
  'retryBaseDelayMs',
  'maxAnswerBytes',
  'insecureSkipTlsVerify',
  'debug',
  'threadLimit',
  'usageCheckEvery',
  'slowAtPercent',
  'transport',
]);

function checkUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`connect: \`${name}\` must be a non-empty URL string`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    // A URL may carry user info (`https://user:password@...`): never quote it whole.
    throw new UsageError(
      `connect: \`${name}\` is not a valid URL: ${JSON.stringify(redactKnownSecrets(value.replace(/\/\/[^/@]*@/, '//[REDACTED]@')))}`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`connect: \`${name}\` must be an http(s) URL, got ${parsed.protocol}`);
  }
  return value;
}

/** `trustedZoneOrigins` as origins (`https://host:port`), each an http(s) URL. */
function checkOrigins(value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new UsageError("connect: `trustedZoneOrigins` must be a list of origins such as 'https://zone.example.com'");
  return Object.freeze(value.map((origin: unknown) => new URL(checkUrl('trustedZoneOrigins', origin)).origin));
}

function checkInteger(name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    // JSON shows NaN and Infinity as null: numbers are shown as JavaScript writes them.
    const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
    throw new UsageError(`connect: \`${name}\` must be an integer >= ${min}, got ${shown}`);
  }
  return value;
}

/**
 * The `api` option checked for what the runtime reads of it: a module given by mistake (the
 * package's root, a default import, a JSON file) fails here, naming what it lacks.
 */
function checkApi(value: unknown): GeneratedApi | undefined {
  if (value === undefined) return undefined;
  const expected = "a generated module (import * as api from 'atws/v1_6', or from the folder `atws codegen generate` wrote)";
  if (value === null || typeof value !== 'object')
    throw new UsageError(`connect: \`api\` must be ${expected}, got ${value === null ? 'null' : typeof value}`);
  const module = value as Partial<Record<'metadata' | 'entityClasses' | 'operations', unknown>>;
  const lacking = (['metadata', 'entityClasses', 'operations'] as const).filter((key) => module[key] === null || typeof module[key] !== 'object');
  if (lacking.length > 0) throw new UsageError(`connect: \`api\` must be ${expected}; it has no ${lacking.join(', ')}`);
  const metadata = module.metadata as { apiVersion?: unknown; entities?: unknown };
  if (!isApiVersion(metadata.apiVersion)) {
    throw new UsageError(`connect: \`api\`.metadata.apiVersion must be '1.5' or '1.6', got ${JSON.stringify(metadata.apiVersion)}`);
  }
  if (metadata.entities === null || typeof metadata.entities !== 'object') throw new UsageError('connect: `api`.metadata has no entities');
  return value as GeneratedApi;
}

/** Applies defaults and rejects bad options before any request. */
export function resolveOptions(options: ConnectOptions & { readonly api?: GeneratedApi | undefined }): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new UsageError('connect: options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new UsageError(`connect: unknown option \`${key}\`${didYouMean(key, KNOWN_OPTIONS)}`);
  }
  const { username, password } = options;
  if (typeof username !== 'string' || username === '') throw new UsageError('connect: `username` must be a non-empty string');
  if (typeof password !== 'string' || password === '') throw new UsageError('connect: `password` must be a non-empty string');
  const api = checkApi(options.api);
  // A module is of one version: it says which, and an apiVersion given beside it must agree.
  const apiVersion = options.apiVersion ?? api?.metadata.apiVersion ?? '1.6';
  if (!isApiVersion(apiVersion)) {
    throw new UsageError(`connect: \`apiVersion\` must be '1.5' or '1.6', got ${JSON.stringify(apiVersion)}`);
  }
  if (api !== undefined && api.metadata.apiVersion !== apiVersion) {
    throw new UsageError(
      `connect: \`apiVersion\` is '${apiVersion}' but the \`api\` module is generated for API ${api.metadata.apiVersion} (its metadata.apiVersion); give the module of ${apiVersion}, or leave apiVersion out`,
    );
  }
  const integrationCode = options.integrationCode;
  if (integrationCode !== undefined && (typeof integrationCode !== 'string' || integrationCode === '')) {
    throw new UsageError('connect: `integrationCode` must be a non-empty string');
  }
  if (apiVersion === '1.6' && integrationCode === undefined) {
    throw new UsageError("connect: API 1.6 requires `integrationCode` (the tracking identifier Autotask issued); pass it, or use apiVersion: '1.5'");
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
  const transport = options.transport ?? 'soap';
  if (transport !== 'soap' && transport !== 'rest') {
    throw new UsageError(`connect: \`transport\` must be 'soap' or 'rest', got ${JSON.stringify(transport)}`);
  }
  const settings = {
    transport,
    username,
    apiVersion,
    api,
    impersonateAsResourceId: impersonate,
    url: options.url === undefined ? undefined : checkUrl('url', options.url),
    discoveryUrl:
      options.discoveryUrl === undefined
        ? transport === 'rest'
          ? DEFAULT_REST_DISCOVERY_URL
          : DEFAULT_DISCOVERY_URL
        : checkUrl('discoveryUrl', options.discoveryUrl),
    trustedZoneOrigins: checkOrigins(options.trustedZoneOrigins),
    supportFilesPath: options.supportFilesPath,
    concurrency: checkInteger('concurrency', options.concurrency, 1, options.threadLimit ?? DEFAULT_CONCURRENCY),
    timeoutMs: checkInteger('timeoutMs', options.timeoutMs, 1, DEFAULT_TIMEOUT_MS),
    deadlineMs: checkInteger('deadlineMs', options.deadlineMs, 1, DEFAULT_DEADLINE_MS),
    retries: checkInteger('retries', options.retries, 0, DEFAULT_RETRIES),
    retryBaseDelayMs: checkInteger('retryBaseDelayMs', options.retryBaseDelayMs, 0, 200),
    maxAnswerBytes: checkInteger('maxAnswerBytes', options.maxAnswerBytes, 1, DEFAULT_MAX_ANSWER_BYTES),
    insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false,
    debug: debugSink(options.debug),
    threadLimit: checkInteger('threadLimit', options.threadLimit, 1, DEFAULT_THREAD_LIMIT),
    usageCheckEvery: checkInteger('usageCheckEvery', options.usageCheckEvery, 0, DEFAULT_USAGE_CHECK_EVERY),
    slowAtPercent: checkInteger('slowAtPercent', options.slowAtPercent, 1, DEFAULT_SLOW_AT_PERCENT),
  };
  return withPrivateSecrets(settings, password, integrationCode);
}

/**
 * The resolved options with the password and integration code kept in a closure: readable by
 * the code that needs them, absent from `inspect`, `JSON.stringify` and property listings.
 */
function withPrivateSecrets(
  settings: Omit<ResolvedOptions, 'password' | 'integrationCode'>,
  password: string,
  integrationCode: string | undefined,
): ResolvedOptions {
  const view = (): Record<string, unknown> => ({
    transport: settings.transport,
    username: settings.username,
    apiVersion: settings.apiVersion,
    url: settings.url,
  });
  const resolved = { ...settings } as ResolvedOptions;
  Object.defineProperties(resolved, {
    password: { get: () => password, enumerable: false },
    integrationCode: { get: () => integrationCode, enumerable: false },
    [inspect.custom]: { value: () => `ResolvedOptions ${inspect(view())}`, enumerable: false },
    toJSON: { value: view, enumerable: false },
  });
  return resolved;
}
