/**
 * What `npm install atws` costs a user (issue 12: at most 15 MB, no native module, well under a
 * minute): the three packages packed from the current sources (test/support/packed-packages.ts),
 * atws installed alone into a fresh project from npm's cache, then code generation and the
 * simulator beside it. Bytes are the files' sizes under node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesUnder, packAll } from '../test/support/packed-packages.js';

const bytesUnder = (dir: string): number => filesUnder(dir).reduce((sum, file) => sum + file.size, 0);

/** Installed packages: the folders under node_modules that hold a package.json (scoped ones included). */
function packagesUnder(modules: string): number {
  return readdirSync(modules).reduce((count, name) => {
    if (name.startsWith('.')) return count;
    if (name.startsWith('@')) return count + readdirSync(join(modules, name)).length;
    return count + 1;
  }, 0);
}

function timedInstall(cwd: string, tarballs: readonly string[]): number {
  const started = performance.now();
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { cwd, stdio: 'ignore' });
  return performance.now() - started;
}

const temp = mkdtempSync(join(tmpdir(), 'atws-bench-install-'));
try {
  const packed = packAll(temp);
  const user = join(temp, 'user');
  mkdirSync(user);
  writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'bench-user', version: '1.0.0', private: true }));
  const clientInstallMs = timedInstall(user, [packed.atws]);
  const modules = join(user, 'node_modules');
  const clientBytes = bytesUnder(modules);
  const clientPackages = packagesUnder(modules);
  const toolsInstallMs = timedInstall(user, [packed.codegen, packed.simulator]);
  console.log(
    JSON.stringify({
      bench: 'installed-size',
      clientBytes,
      clientPackages,
      clientInstallMs,
      targetBytes: 15 * 1024 * 1024,
      withToolsBytes: bytesUnder(modules),
      withToolsPackages: packagesUnder(modules),
      toolsInstallMs,
    }),
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}
