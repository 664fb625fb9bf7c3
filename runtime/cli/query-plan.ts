/**
 * The checked command line of `atws query`: what to query, over which wire and API version, and
 * from where. Declared apart from the command and its run so that each depends on it, not on the
 * other.
 */
import type { TransportName } from '../client/connection-options.js';
import { UsageError } from '../protocol/errors.js';
import type { ApiVersion } from '../protocol/metadata.js';
import { isApiVersion } from '../protocol/api-version-list.js';
import type { OutputFormat } from './query-output.js';

export interface QueryCommandOptions {
  readonly where: readonly string[];
  readonly or: readonly string[];
  readonly format: OutputFormat;
  readonly fields?: string;
  readonly limit?: number;
  /** Picklist values shown as their labels. */
  readonly labels?: boolean;
}

/** Where the results come from: an embedded simulator, or Autotask with these credentials. */
export type QuerySource =
  | { readonly sim: true; readonly tickets: number }
  | { readonly sim: false; readonly username: string; readonly password: string; readonly integrationCode?: string; readonly url?: string };

/** The command line, checked: what to query, over which wire and API version, from where. */
export interface QueryCommandPlan {
  readonly options: QueryCommandOptions;
  readonly apiVersion: ApiVersion;
  readonly transport: TransportName;
  readonly source: QuerySource;
}

/** Checks the flags commander parsed, before anything connects. */
export function queryCommandPlan(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): QueryCommandPlan {
  const format = String(flags['format']).toLowerCase();
  if (format !== 'json' && format !== 'csv' && format !== 'table')
    throw new UsageError(`--format must be json, csv or table, got "${String(flags['format'])}"`);
  const apiVersion = String(flags['apiVersion']);
  if (!isApiVersion(apiVersion)) throw new UsageError(`--api-version must be 1.5 or 1.6, got "${String(flags['apiVersion'])}"`);
  const transport = String(flags['transport']).toLowerCase();
  if (transport !== 'soap' && transport !== 'rest') throw new UsageError(`--transport must be soap or rest, got "${String(flags['transport'])}"`);
  const options: QueryCommandOptions = {
    where: flags['where'] as string[],
    or: flags['or'] as string[],
    format,
    ...(typeof flags['fields'] === 'string' ? { fields: flags['fields'] } : {}),
    ...(typeof flags['limit'] === 'number' ? { limit: flags['limit'] } : {}),
    ...(flags['labels'] === true ? { labels: true } : {}),
  };
  if (flags['sim'] === true) return { options, apiVersion, transport, source: { sim: true, tickets: Number(flags['simTickets']) } };
  const username = (flags['username'] as string | undefined) ?? env['ATWS_USERNAME'];
  const password = (flags['password'] as string | undefined) ?? env['ATWS_PASSWORD'];
  const integrationCode = (flags['integrationCode'] as string | undefined) ?? env['ATWS_INTEGRATION_CODE'];
  const url = (flags['url'] as string | undefined) ?? env['ATWS_URL'];
  if (!username || !password) throw new UsageError('atws query: give --username and --password (or ATWS_USERNAME and ATWS_PASSWORD), or use --sim');
  if (transport === 'rest' && !integrationCode) {
    throw new UsageError('atws query: --transport rest needs --integration-code (or ATWS_INTEGRATION_CODE), the ApiIntegrationCode Autotask issued');
  }
  if (apiVersion === '1.6' && !integrationCode) {
    throw new UsageError(
      'atws query: API 1.6 needs --integration-code (or ATWS_INTEGRATION_CODE), the code Autotask issued; or use --api-version 1.5',
    );
  }
  const source: QuerySource = { sim: false, username, password, ...(integrationCode ? { integrationCode } : {}), ...(url ? { url } : {}) };
  return { options, apiVersion, transport, source };
}
