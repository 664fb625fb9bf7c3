/** Temporary folders for codegen tests, inside the project (.tmp/, git-ignored) so that generated imports of runtime/ resolve. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../support/shared.js';

export async function makeTempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const base = join(projectRoot, '.tmp');
  await mkdir(base, { recursive: true });
  const path = await mkdtemp(join(base, `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
