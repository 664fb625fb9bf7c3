/**
 * What `atws` costs a user's type-check: a small consumer project (strict, NodeNext, skipLibCheck
 * off as the issue measured it) that imports `atws` and one version against the built `dist/`,
 * beside the same project importing only `node:fs` (the `@types/node` baseline every Node project
 * pays). Runs alternate, median of three, in CPU time of the tsc process (user + system: these
 * machines are shared, and wall time there measures the neighbours); also counts the files each
 * program loads, so that a version's declarations leaking into the other's programs shows.
 * Builds `dist/` first.
 * Prints one JSON line: {"bench":"consumer-types", ...}. Run: node --import tsx bench/consumer-types.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const RUNS = 3;

const SOURCES = {
  baseline: "import { readFileSync } from 'node:fs';\nexport const text = readFileSync('x', 'utf8');\n",
  v1_6: [
    "import { connect, Query, type PicklistValueOf } from 'atws';",
    "import type { Ticket } from 'atws/v1_6';",
    'export async function run(): Promise<Ticket | undefined> {',
    "  const at = await connect({ username: 'u', password: 'p', integrationCode: 'c' });",
    "  return at.query(new Query('Ticket').where('Status', 'Equals', 5 as PicklistValueOf<Ticket, 'Status'>)).fetchOne();",
    '}',
    '',
  ].join('\n'),
  v1_5: [
    "import { connect, Query, type PicklistValueOf } from 'atws';",
    "import type { EntityMap, Ticket } from 'atws/v1_5';",
    'export async function run(): Promise<Ticket | undefined> {',
    "  const at = await connect({ username: 'u', password: 'p', apiVersion: '1.5' });",
    "  return at.query(new Query<'Ticket', EntityMap>('Ticket').where('Status', 'Equals', 5 as PicklistValueOf<Ticket, 'Status'>)).fetchOne();",
    '}',
    '',
  ].join('\n'),
} as const;
type Case = keyof typeof SOURCES;

/** Preloaded into each tsc: reports the process's CPU time on exit. */
const CPU_REPORT = "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n'); });";

function run(command: string, args: string[], cwd: string): { ms: number; stdout: string } {
  const result = spawnSync(command, ['--require', join(cwd, 'cpu-report.cjs'), ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} failed (${result.status}):\n${result.stdout.slice(0, 3000)}${result.stderr.slice(0, 1000)}`);
  const cpu = /^cpu-us (\d+)$/m.exec(result.stderr);
  if (cpu === null) throw new Error(`no CPU report from ${args.join(' ')}`);
  return { ms: Number(cpu[1]) / 1000, stdout: result.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

await mkdir(join(root, '.tmp'), { recursive: true });
const project = await mkdtemp(join(root, '.tmp', 'bench-consumer-'));
try {
  await writeFile(join(project, 'cpu-report.cjs'), CPU_REPORT);
  run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], project);
  await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
  await symlink(root, join(project, 'node_modules', 'atws'), 'dir');
  await symlink(join(root, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const [name, source] of Object.entries(SOURCES)) {
    await writeFile(join(project, `${name}.ts`), source);
    await writeFile(
      join(project, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: false,
        },
        files: [`${name}.ts`],
      }),
    );
  }
  const times: Record<Case, number[]> = { baseline: [], v1_6: [], v1_5: [] };
  const files: Record<Case, number> = { baseline: 0, v1_6: 0, v1_5: 0 };
  for (let i = 0; i < RUNS; i++) {
    for (const name of Object.keys(SOURCES) as Case[]) {
      const { ms, stdout } = run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`, '--extendedDiagnostics'], project);
      times[name].push(ms);
      files[name] = Number(/^Files:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
    }
  }
  const baselineMs = median(times.baseline);
  console.log(
    JSON.stringify({
      bench: 'consumer-types',
      baselineMs: Math.round(baselineMs),
      v16Ms: Math.round(median(times.v1_6)),
      v15Ms: Math.round(median(times.v1_5)),
      extraTargetMs: 1500,
      baselineFiles: files.baseline,
      v16Files: files.v1_6,
      v15Files: files.v1_5,
    }),
  );
} finally {
  await rm(project, { recursive: true, force: true });
}
