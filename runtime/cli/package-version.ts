/** The version of the installed atws package, for `atws --version`. */
import { readFileSync } from 'node:fs';

/**
 * Read from package.json rather than compiled in, so the one number npm publishes is the one shown.
 * The file sits two folders up from the source (runtime/cli/) and three from the build (dist/runtime/cli/).
 */
export function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'atws' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this level: try the next
    }
  }
  return 'unknown';
}
