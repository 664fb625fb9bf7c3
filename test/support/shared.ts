/**
 * Where the reference material lives (`../shared/atws` beside the project) and how a test that
 * needs it, or Debian's suds, skips itself with a reason on a fresh clone that lacks it. In CI
 * (`CI` set) a missing prerequisite is a failure, not a skip.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const sharedAtws = fileURLToPath(new URL('../../../shared/atws', import.meta.url));
export const hasShared = existsSync(sharedAtws);

/** The Python that has Debian's python3-suds, if any. */
export const sudsPython: string | undefined = ['/usr/bin/python3', 'python3'].find(
  (python) => spawnSync(python, ['-c', 'import suds'], { stdio: 'ignore' }).status === 0,
);

/**
 * Returns the `skip` option for a test: false when the prerequisite is there, otherwise the reason.
 * In CI a missing prerequisite throws, so that a skipped test can never pass CI unnoticed.
 */
export function skipUnless(available: boolean, what: string): false | string {
  if (available) return false;
  if (process.env['CI']) throw new Error(`CI lacks ${what}; .ci/run must provide it`);
  return `needs ${what}`;
}

export const needsShared = (): false | string => skipUnless(hasShared, '../shared/atws beside the project');
export const needsSuds = (): false | string => skipUnless(sudsPython !== undefined, "Debian's python3-suds (/usr/bin/python3)");
