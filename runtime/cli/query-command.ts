/**
 * `atws query <Entity> --where '<field> <op> <value>' ... --format json|csv|table`: streams query
 * results from Autotask (credentials from flags or ATWS_* variables) or from an embedded simulator.
 *
 * This module only declares the command and checks its flags; the client is imported when the
 * command runs (query-run.ts), which keeps `atws --help` and a flag mistake from loading it.
 */
import type { Command } from 'commander';
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

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('Stream the results of a query as JSON, CSV or a table')
    .argument('<entity>', 'entity type, e.g. Ticket')
    .option('-w, --where <condition>', "condition ANDed in: '<field> <operator> <value>' (repeatable; udf:<name> for a UDF)", collect, [])
    .option('--or <condition>', 'condition ORed in (repeatable)', collect, [])
    .option('-f, --format <format>', 'json | csv | table', 'json')
    .option('--fields <list>', 'comma-separated columns: fields, and UDFs as udf:<name> (or the bare name)')
    .option('--labels', 'show picklist values as their labels (a table always does)')
    .option('--limit <n>', 'stop after n results', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a positive integer, got "${v}"`);
      return n;
    })
    .option('--transport <wire>', "'soap' (ATWS) or 'rest' (Autotask's REST API v1.0: the password is the REST Secret)", 'soap')
    .option(
      '--url <url>',
      'zone asmx/WSDL URL, or the .../ATServicesRest/ base with --transport rest (default $ATWS_URL; zone discovery when neither is set)',
    )
    .option('--username <name>', 'API user (default $ATWS_USERNAME)')
    .option('--password <password>', 'password (default $ATWS_PASSWORD; prefer the variable: flags show in ps)')
    .option('--integration-code <code>', 'integration code (default $ATWS_INTEGRATION_CODE)')
    .option('--api-version <version>', "'1.5' or '1.6'", '1.6')
    .option('--sim', 'query an embedded simulator instead of Autotask')
    .option('--sim-tickets <n>', 'tickets the embedded simulator seeds', '1400')
    .action(async (entity: string, flags: Record<string, unknown>) => {
      const plan = queryCommandPlan(flags, process.env);
      const { executeQueryCommand } = await import('./query-run.js');
      await executeQueryCommand(entity, plan);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
