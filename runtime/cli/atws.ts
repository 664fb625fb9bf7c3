#!/usr/bin/env node
/**
 * The `atws` command. Each subcommand lives beside the code it drives and registers itself here:
 * `atws codegen ...` (codegen/cli.ts), `atws sim` (runtime/simulator/cli.ts) and
 * `atws query ...` (runtime/cli/query-command.ts).
 */
import { Command } from 'commander';
import { registerCodegenCommands } from '../../codegen/cli.js';
import { registerSimCommand } from '../simulator/cli.js';
import { registerQueryCommand } from './query-command.js';
import { registerSecrets, redactKnownSecrets } from '../redaction.js';

// Whatever a subcommand prints of an error, and whatever error it dies of, passes through the one
// redaction: the secrets the command line and the environment hold are known to it from the start.
registerSecrets(secretsOfCommandLine(process.argv, process.env));

/** The password and integration code given as flags (`--password x`, `--password=x`) or ATWS_* variables. */
function secretsOfCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): { username?: string; password?: string; integrationCode?: string } {
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] as string;
      if (arg === name) return argv[i + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
    return undefined;
  };
  const found: { username?: string; password?: string; integrationCode?: string } = {};
  const username = flag('--username') ?? env['ATWS_USERNAME'];
  const password = flag('--password') ?? env['ATWS_PASSWORD'];
  const integrationCode = flag('--integration-code') ?? env['ATWS_INTEGRATION_CODE'];
  if (username !== undefined) found.username = username;
  if (password !== undefined) found.password = password;
  if (integrationCode !== undefined) found.integrationCode = integrationCode;
  return found;
}

const program = new Command('atws')
  .description('Autotask Web Services: typed client, code generator and simulator')
  .showHelpAfterError();
registerCodegenCommands(program);
registerSimCommand(program);
registerQueryCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(redactKnownSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  process.exit(1);
});
