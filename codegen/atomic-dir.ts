/**
 * Replaces a directory's content all at once: the files are written into a fresh sibling
 * directory, which then takes the target's place. A failure before the swap leaves the
 * target as it was, never half-written.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes `files` (relative path -> content) as the whole content of `target`. */
export async function replaceDirectory(target: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(parent, `.${basename(target)}.new-${suffix}`);
  const retired = join(parent, `.${basename(target)}.old-${suffix}`);
  try {
    await mkdir(staging);
    const dirs = new Set<string>();
    for (const path of files.keys()) dirs.add(dirname(join(staging, path)));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    await Promise.all([...files].map(([path, content]) => writeFile(join(staging, path), content)));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let hadTarget = true;
  try {
    await rename(target, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    hadTarget = false;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadTarget) await rename(retired, target);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadTarget) await rm(retired, { recursive: true, force: true });
}
