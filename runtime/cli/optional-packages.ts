/**
 * The packages `atws` commands load on demand: code generation and the simulator are packages of
 * their own (@atws/codegen, @atws/simulator), so that a user of the client installs neither
 * ts-morph nor a server. Their specifiers are not literals, so the atws package's build and
 * declarations never depend on them; the shapes below are what the commands use of each.
 */
import type { Command } from 'commander';
import { UsageError } from '../protocol/errors.js';

/** What `atws codegen` uses of @atws/codegen's `cli` entry. */
export interface CodegenCli {
  registerCodegenCommands(program: Command): void;
}

/** What `atws sim` uses of @atws/simulator's `cli` entry. */
export interface SimulatorCli {
  registerSimCommand(program: Command): void;
}

/** What `atws query --sim` uses of @atws/simulator. */
export interface SimulatorApi {
  startSimulator(options: { tickets: number }): Promise<{
    readonly options: { readonly username: string; readonly password: string; readonly integrationCode: string };
    asmxUrl(version: '1.5' | '1.6'): string;
    /** The REST front's `.../ATServicesRest/` base, over the same tenant. */
    readonly restUrl: string;
    close(): Promise<void>;
  }>;
}

/** The package a specifier belongs to: `@atws/codegen/cli` -> `@atws/codegen`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Whether `error` says that `pkg` itself (not one of its own dependencies) cannot be found. */
function isMissing(error: unknown, pkg: string): boolean {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') return false;
  return error.message.includes(`'${pkg}'`) || error.message.includes(`'${pkg}/`);
}

/**
 * Imports an optional package's entry for `command`; when the package is not installed, a
 * UsageError naming the command, the package and the command that installs it.
 */
export async function loadOptional<T>(specifier: string, command: string): Promise<T> {
  const pkg = packageOf(specifier);
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (isMissing(error, pkg)) {
      throw new UsageError(`\`${command}\` needs the ${pkg} package, which is not installed here: npm install --save-dev ${pkg}`);
    }
    throw error;
  }
}

export const CODEGEN_CLI = '@atws/codegen/cli';
export const SIMULATOR_CLI = '@atws/simulator/cli';
export const SIMULATOR = '@atws/simulator';
