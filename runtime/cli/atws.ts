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

const program = new Command('atws')
  .description('Autotask Web Services: typed client, code generator and simulator')
  .showHelpAfterError();
registerCodegenCommands(program);
registerSimCommand(program);
registerQueryCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});
