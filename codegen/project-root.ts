/**
 * Where this package is installed (or checked out), for one thing only: finding its `runtime/`,
 * which generated code imports. It never decides where the codegen commands read or write: their
 * defaults are relative to the working directory, the user's project (codegen/cli.ts).
 * The code runs from source (`codegen/*.ts` through tsx) or compiled (`dist/codegen/*.js` through
 * the `atws` bin): the package root is the nearest folder with a package.json, not simply `..`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` that holds a package.json. */
export function projectRootOf(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}

export const PROJECT_ROOT = projectRootOf(fileURLToPath(new URL('.', import.meta.url)));

/**
 * The runtime generated code imports: the project's `runtime/` sources in a checkout; the compiled
 * `runtime/` beside this code otherwise (an installed package has only `dist/`).
 */
export const RUNTIME_DIR = existsSync(join(PROJECT_ROOT, 'runtime', 'entity', 'entity-base.ts'))
  ? join(PROJECT_ROOT, 'runtime')
  : fileURLToPath(new URL('../runtime', import.meta.url));
