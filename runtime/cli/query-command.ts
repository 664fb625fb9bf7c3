/**
 * `atws query <Entity> --where '<field> <op> <value>' ... --format json|csv|table`: streams query
 * results from Autotask (credentials from flags or ATWS_* variables) or from an embedded simulator.
 *
 * This module only declares the command and checks its flags; the client is imported when the
 * command runs (query-run.ts), which keeps `atws --help` and a flag mistake from loading it.
 */
import type { Command } from 'commander';
import { UsageError } from '../protocol/errors.js';
import { queryCommandPlan } from './query-plan.js';

export type { QueryCommandOptions } from './query-plan.js';

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
