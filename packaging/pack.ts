/**
 * `npm run pack [-- <folder>]`: the three tarballs as they are published (default folder:
 * .tmp/packages), one path a line. A plain `npm pack` in the repository root would ship the
 * repository's manifest, its `prepare` script included, so the root's `prepack` refuses it
 * (refuse-plain-pack.mjs) and points here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { packAll } from './pack-packages.js';

const destination = resolve(process.argv[2] ?? '.tmp/packages');
mkdirSync(destination, { recursive: true });
const staging = mkdtempSync(join(tmpdir(), 'atws-pack-'));
try {
  for (const tarball of Object.values(packAll(staging))) {
    // Copied, not renamed: the staging folder may be on another file system.
    const target = join(destination, basename(tarball));
    copyFileSync(tarball, target);
    console.log(target);
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
