/**
 * Benchmarks the code generator: `npm run codegen` (both versions, wall clock, in a child process
 * as a user runs it), `tsc --noEmit` over `generated/`, and the size of the generated code.
 * Prints one JSON line: {"bench":"codegen", ...}. Run: node --import tsx bench/codegen.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function timed(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed (${result.status}):\n${result.stdout.slice(0, 2000)}${result.stderr.slice(0, 2000)}`);
  }
  return Math.round(ms);
}

async function sizeOf(dir: string): Promise<{ files: number; bytes: number; lines: number }> {
  let files = 0;
  let bytes = 0;
  let lines = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files += 1;
    bytes += (await stat(path)).size;
    lines += (await readFile(path, 'utf8')).split('\n').length - 1;
  }
  return { files, bytes, lines };
}

const codegenMs = timed(process.execPath, [
  '--import',
  'tsx',
  join(root, 'runtime', 'cli', 'atws.ts'),
  'codegen',
  'all',
  '--shared',
  join(root, '..', 'shared', 'atws'),
  '--snapshots',
  join(root, 'wsdl'),
  '--out',
  join(root, 'generated'),
  '--fixtures',
  join(root, 'test', 'fixtures'),
]);

await mkdir(join(root, '.tmp'), { recursive: true });
const scratch = await mkdtemp(join(root, '.tmp', 'bench-codegen-'));
let tscMs: number;
try {
  const tsconfig = join(scratch, 'tsconfig.json');
  await writeFile(tsconfig, JSON.stringify({ extends: join(root, 'tsconfig.json'), include: [join(root, 'generated')] }));
  tscMs = timed(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig, '--noEmit']);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const v15 = await sizeOf(join(root, 'generated', 'v1_5'));
const v16 = await sizeOf(join(root, 'generated', 'v1_6'));
console.log(
  JSON.stringify({
    bench: 'codegen',
    codegenMs,
    codegenTargetMs: 15000,
    tscGeneratedMs: tscMs,
    tscTargetMs: 30000,
    generatedFiles: v15.files + v16.files,
    generatedBytes: v15.bytes + v16.bytes,
    generatedLines: v15.lines + v16.lines,
    v1_5: v15,
    v1_6: v16,
  }),
);
