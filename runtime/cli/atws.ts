#!/usr/bin/env node
/**
 * The `atws` command. Each subcommand lives beside the code it drives and registers itself here:
 * `atws codegen ...` (@atws/codegen, codegen/cli.ts), `atws sim` (@atws/simulator, simulator/cli.ts) and
 * `atws query ...` (runtime/cli/query-command.ts).
 *
 * Start-up time is part of the interface (`atws --help` and `atws query` start well under 300 ms):
 * code generation (ts-morph) and the simulator are separate packages, imported only when their subcommand runs;
 * otherwise a light entry with the same name and description stands in for the help listing.
 */
import { Command, CommanderError } from 'commander';
import { registerQueryCommand } from './query-command.js';
import { packageVersion } from './package-version.js';
import { quietOnClosedStdout } from './closed-stdout.js';
import { CODEGEN_CLI, SIMULATOR_CLI, loadOptional, type CodegenCli, type SimulatorCli } from './optional-packages.js';
import { REDACTED, registerSecrets, redactKnownSecrets } from '../protocol/redaction.js';
import { editDistance } from '../client/did-you-mean.js';

// Whatever a subcommand prints of an error, and whatever error it dies of, passes through the one
// redaction: the secrets the command line and the environment hold are known to it from the start.
const commandLineSecrets = secretsOfCommandLine(process.argv, process.env);
registerSecrets(commandLineSecrets);
// A misspelt flag (`--pasword=...`) is no option, so its value is not known as a password; it is a
// secret all the same.
for (const password of misspeltSecretFlags(process.argv)) registerSecrets({ username: commandLineSecrets.username, password });
quietOnClosedStdout(process.stdout);

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

/** The values of flags that are not `--password`/`--integration-code` but close to one (`--pasword=x`, `--integraton-code x`). */
function misspeltSecretFlags(argv: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([\w-]+)(?:=(.*))?$/s.exec(argv[i] as string);
    if (match === null) continue;
    const name = (match[1] as string).toLowerCase().replace(/[-_]/g, '');
    const close = ['password', 'integrationcode'].some((secret) => name !== secret && editDistance(name, secret) <= 2);
    if (!close && !/pass|secret|token/.test(name)) continue;
    const value = match[2] ?? argv[i + 1];
    if (value !== undefined && value !== '') values.push(value);
  }
  return values;
}

/**
 * What commander prints of a usage error, redacted: every known secret, and the value of any
 * `--flag=value` it quotes (an unknown option's value cannot be told from a password).
 */
function redactUsageError(text: string): string {
  return redactKnownSecrets(text).replace(/('--?[\w-]+=)[^']*'/g, `$1${REDACTED}'`);
}

/** The subcommand the command line names (`atws help sim` names sim), if any. */
function namedSubcommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** Subcommands loaded on demand, with the description `atws --help` shows without loading them. */
const LAZY_COMMANDS = {
  codegen: {
    description: "Pull a zone's ATWS metadata into ./atws/<version>/ and generate typed code into ./atws/generated/",
    register: async (program: Command) => (await loadOptional<CodegenCli>(CODEGEN_CLI, 'atws codegen')).registerCodegenCommands(program),
  },
  sim: {
    description: 'Run the ATWS simulator: a local server that answers like Autotask Web Services (SOAP 1.5/1.6 and REST v1.0)',
    register: async (program: Command) => (await loadOptional<SimulatorCli>(SIMULATOR_CLI, 'atws sim')).registerSimCommand(program),
  },
} as const;

async function main(): Promise<void> {
  const program = new Command('atws')
    .description('Autotask Web Services: typed client, code generator and simulator')
    .version(packageVersion(), '-V, --version', 'print the atws version')
    // `atws codegen generate --version 1.6` is the API version: program options end at the subcommand.
    .enablePositionalOptions()
    // One style for every command's mistakes, commander's own included (subcommands inherit these):
    // a line `UsageError: ...` naming the help to read, printed by the catch below, never the help itself.
    // Set before any subcommand is added: each copies it, so every usage error passes through it.
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(redactUsageError(text)),
      outputError: () => undefined,
    })
    // Commands are described in sentences, options in phrases: commander's own help command too.
    .helpCommand('help [command]', 'Show the help of a command');
  const named = namedSubcommand(process.argv);
  for (const [name, lazy] of Object.entries(LAZY_COMMANDS)) {
    if (name === named) await lazy.register(program);
    else program.command(name).description(lazy.description).allowUnknownOption().helpOption(false);
  }
  registerQueryCommand(program);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    throw error instanceof CommanderError ? commandLineError(program, error) : error;
  }
}

/** The command the command line names (`atws codegen pull ...` names pull), the program if none. */
function namedCommand(program: Command, argv: readonly string[]): Command {
  let command = program;
  for (const word of argv.slice(2)) {
    if (word.startsWith('-')) break;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub === undefined) break;
    command = sub;
  }
  return command;
}

/** What a commander error exits with: nothing to say for --help and --version (status 0), else one line. */
class CommandLineExit extends Error {
  constructor(
    readonly status: number,
    message: string | undefined,
  ) {
    super(message);
  }
}

function commandLineError(program: Command, error: CommanderError): CommandLineExit {
  if (error.exitCode === 0) return new CommandLineExit(0, undefined);
  const command = namedCommand(program, process.argv);
  const path: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) path.unshift(c.name());
  // commander's own words, on one line: "error: unknown option '--form'\n(Did you mean --format?)".
  const text = error.message
    .replace(/^error: /, '')
    .replace(/\.?\s*\n\(Did you mean (.*)\?\)\s*$/, '; did you mean $1?')
    .replace(/\.$/, '');
  return new CommandLineExit(error.exitCode, `UsageError: ${text} (${path.join(' ')} --help lists what it takes)`);
}

main().catch((error: unknown) => {
  if (error instanceof CommandLineExit) {
    if (error.message !== '') console.error(redactUsageError(error.message));
    process.exit(error.status);
  }
  console.error(redactKnownSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  process.exit(1);
});
