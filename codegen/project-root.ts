/**
 * Where the project is, for the codegen commands' defaults (`wsdl/`, `generated/`, `../shared/atws`).
 * The code runs from source (`codegen/*.ts` through tsx) or compiled (`dist/codegen/*.js` through
 * the `atws` bin): the project root is the nearest folder with a package.json, not simply `..`,
 * or the compiled bin would read and write inside `dist/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder at or above `start` that holds a package.json. */
export function projectRootOf(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}

// The project the command runs in (its working directory's), not the folder of this code: codegen
// is its own package, installed under node_modules in a user's project.
export const PROJECT_ROOT = projectRootOf(process.cwd());
