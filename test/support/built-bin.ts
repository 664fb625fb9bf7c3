/**
 * The `atws` bin as a user runs it: the three packages built from the current sources the way
 * they are published (packaging/pack-packages.ts), laid out as an install would lay them out
 * (`node_modules/atws`, `node_modules/@atws/codegen`, `node_modules/@atws/simulator`), their own
 * dependencies found in the project's node_modules. The project's dist/ is never used: it may be
 * stale. A build takes half a minute, so it is kept under .tmp-built-bin/<hash of the sources>
 * and shared by every test process of a run (one builds, the others wait for it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildAll } from '../../packaging/pack-packages.js';
import { projectRoot } from './shared.js';

const CACHE = join(projectRoot, '.tmp-built-bin');
const SOURCE_DIRS = ['runtime', 'generated', 'codegen', 'simulator', 'packaging'];
const SOURCE_FILES = [
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'codegen/package.json',
  'codegen/tsconfig.build.json',
  'simulator/package.json',
  'simulator/tsconfig.build.json',
  'README.md',
  'codegen/README.md',
  'simulator/README.md',
];

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === 'dist' || entry.name === 'node_modules') return [];
    return entry.isDirectory() ? sourcesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A hash of everything the build reads: another source, another build. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...SOURCE_DIRS.flatMap(sourcesUnder), ...SOURCE_FILES].sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(projectRoot, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Builds into a fresh folder and lays it out as installed; renamed into place only when complete. */
function build(ready: string): void {
  const work = `${ready}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  const built = buildAll(work);
  const modules = join(work, 'node_modules');
  mkdirSync(join(modules, '@atws'), { recursive: true });
  symlinkSync(relative(modules, built.atws), join(modules, 'atws'));
  renameSync(built.codegen, join(modules, '@atws', 'codegen'));
  renameSync(built.simulator, join(modules, '@atws', 'simulator'));
  renameSync(work, ready);
}

let cached: Promise<string> | undefined;

/** The path of the built `atws` bin (run it with `node <path> ...`); built once per source state. */
export function builtAtwsBin(): Promise<string> {
  cached ??= (async () => {
    const hash = sourceHash();
    const ready = join(CACHE, hash);
    const bin = join(ready, 'node_modules', 'atws', 'dist', 'runtime', 'cli', 'atws.js');
    mkdirSync(CACHE, { recursive: true });
    const lock = join(CACHE, `${hash}.lock`);
    for (;;) {
      if (existsSync(bin)) return bin;
      try {
        mkdirSync(lock);
      } catch {
        // Another process builds it; take over only if that process died.
        const holder = existsSync(join(lock, 'pid')) ? Number(readFileSync(join(lock, 'pid'), 'utf8').trim() || 0) : 0;
        if (holder > 0 && !alive(holder)) rmSync(lock, { recursive: true, force: true });
        await sleep(500);
        continue;
      }
      try {
        writeFileSync(join(lock, 'pid'), String(process.pid));
        for (const old of readdirSync(CACHE)) if (!old.startsWith(hash)) rmSync(join(CACHE, old), { recursive: true, force: true });
        if (!existsSync(bin)) build(ready);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  })();
  return cached;
}
