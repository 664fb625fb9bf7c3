/**
 * The three packages as npm would publish them (packaging/pack-packages.ts builds and packs them
 * from the current sources), and what a test measures of an install.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export { packAll, type PackedPackages } from '../../packaging/pack-packages.js';

/** Every file under `dir` (an installed node_modules), with its size in bytes; links are not followed. */
export function filesUnder(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) return [];
    return entry.isDirectory() ? filesUnder(path) : [{ path, size: statSync(path).size }];
  });
}
