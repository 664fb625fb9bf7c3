/**
 * A consumer project's view of the packages as installed: their declarations emitted as the builds
 * emit them, into `node_modules/<package>` beside the package's own package.json, so that imports
 * resolve through its `exports`. Emitting with TypeScript 7 takes a few seconds, 5.9 several times more.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './shared.js';

export const TSC5 = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
export const TSC7 = join(projectRoot, 'node_modules', 'typescript7', 'bin', 'tsc');

/** Runs a compiler's `tsc` in `cwd`: its exit status and everything it printed. */
export function tsc(compiler: string, args: readonly string[], cwd: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [compiler, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The arguments that emit a build's declarations only (no maps) into `outDir`. */
export function declarationsOnly(project: string, outDir: string): string[] {
  return ['-p', project, '--emitDeclarationOnly', '--declaration', '--declarationMap', 'false', '--sourceMap', 'false', '--outDir', outDir];
}

/**
 * Emits `atws`'s declarations (tsconfig.build.json) into `<consumer>/node_modules/atws` with its
 * package.json; answers the folder its `dist/` is in. Throws with tsc's output when it fails.
 */
export function installAtwsDeclarations(consumer: string): string {
  const pkg = join(consumer, 'node_modules', 'atws');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(projectRoot, 'package.json'), join(pkg, 'package.json'));
  const emitted = tsc(TSC7, declarationsOnly(join(projectRoot, 'tsconfig.build.json'), join(pkg, 'dist')), projectRoot);
  if (emitted.status !== 0) throw new Error(`emitting atws's declarations failed:\n${emitted.out}`);
  return pkg;
}
