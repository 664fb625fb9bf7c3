/**
 * What `atws` costs a user's type-check: a small consumer project (strict, NodeNext, skipLibCheck
 * off as the issue measured it) that imports `atws` and one version against the built `dist/`,
 * beside the same project importing only `node:fs` (the `@types/node` baseline every Node project
 * pays), under TypeScript 5.9 (`typescript`) and TypeScript 7 (`typescript7`, the native compiler).
 * Runs alternate, five rounds, in CPU time of the compiler (user + system: these machines are
 * shared, and wall time there measures the neighbours). A version's extra time is the median of
 * each round's difference from the baseline run just before it: the machine's speed drifts by
 * tens of percent within minutes, and a difference of two separate medians took that drift in
 * whole (runs of the same declarations read +1.0 to +1.8 s). The bound is on that extra as a share
 * of the baseline run beside it (`v16ExtraRatio`), which the machine's speed scales alike: the
 * same declarations read +1508 ms over a 5951 ms baseline and +1719 ms over 6498 ms an hour apart
 * (0.25 and 0.26). Also counts the files each program loads,
 * so that a version's declarations leaking into the other's programs shows. Builds `dist/` first.
 * Prints one JSON line: {"bench":"consumer-types", ...}.
 * Run: node --import tsx bench/consumer-types.ts [--ts 5.9|7] (one compiler only)
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const COMPILERS = {
  '5.9': join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '7': join(root, 'node_modules', 'typescript7', 'bin', 'tsc'),
} as const;
type Compiler = keyof typeof COMPILERS;
const RUNS = 5;
/**
 * The bound on a version's extra CPU time, as a share of the @types/node baseline run beside it:
 * the type-check cost asked of the package was +1.5 s over a baseline measured at 5678 ms, a
 * quarter of what any Node project pays (TypeScript 7, which checks the baseline in about a third
 * of 5.9's time, is held to the same share). In milliseconds the bound moved with the machine.
 */
const EXTRA_TARGET_RATIO = 1500 / 5678;
const only = process.argv.includes('--ts') ? process.argv[process.argv.indexOf('--ts') + 1] : undefined;
if (only !== undefined && !Object.hasOwn(COMPILERS, only))
  throw new Error(`--ts must be one of ${Object.keys(COMPILERS).join(', ')}, got ${String(only)}`);
const compilers = (only === undefined ? Object.keys(COMPILERS) : [only]) as Compiler[];

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

/**
 * Runs a compiler and answers the CPU time it used. TypeScript 7's `bin/tsc` is a Node script that
 * starts the native compiler as its child process (Node 20 has no `process.execve` to become it),
 * and the native compiler checks on several threads: the CPU of the Node process alone, which
 * `process.cpuUsage()` and `process.resourceUsage()` report (RUSAGE_SELF), would leave out nearly
 * all of the work. So each compiler runs under `bash -c '...; times'`: bash's `times` prints the
 * user and system time of the shell's waited-for children (getrusage(RUSAGE_CHILDREN)), which takes
 * in their own waited-for children and every thread: the Node launcher and the native compiler
 * for TypeScript 7, the one Node process for 5.9; so both compilers are measured the same way.
 */
function run(compiler: string, args: string[], cwd: string): { ms: number; stdout: string } {
  const script = '"$@"; status=$?; times >&2; exit $status';
  const result = spawnSync('bash', ['-c', script, 'bash', process.execPath, compiler, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (result.status !== 0)
    throw new Error(`${[compiler, ...args].join(' ')} failed (${result.status}):\n${result.stdout.slice(0, 3000)}${result.stderr.slice(0, 1000)}`);
  // `times` prints the shell's own times, then its children's: `0m5.123s 0m0.456s`.
  const children = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(result.stderr.trim().split('\n').at(-1) ?? '');
  if (children === null) throw new Error(`no CPU times from ${args.join(' ')}: ${result.stderr.slice(-500)}`);
  const [, um, us, sm, ss] = children.map(Number) as [number, number, number, number, number];
  return { ms: (um * 60 + us + sm * 60 + ss) * 1000, stdout: result.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

await mkdir(join(root, '.tmp'), { recursive: true });
const project = await mkdtemp(join(root, '.tmp', 'bench-consumer-'));
try {
  run(COMPILERS['5.9'], ['-p', join(root, 'tsconfig.build.json')], project);
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
  const figures: Record<string, number> = {};
  for (const compiler of compilers) {
    const times: Record<Case, number[]> = { baseline: [], v1_6: [], v1_5: [] };
    const files: Record<Case, number> = { baseline: 0, v1_6: 0, v1_5: 0 };
    for (let i = 0; i < RUNS; i++) {
      for (const name of Object.keys(SOURCES) as Case[]) {
        const { ms, stdout } = run(COMPILERS[compiler], ['-p', `tsconfig.${name}.json`, '--extendedDiagnostics'], project);
        times[name].push(ms);
        files[name] = Number(/^Files:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
      }
    }
    // TypeScript 5.9's figures keep their first names; TypeScript 7's carry a `ts7` prefix.
    const key = (name: string): string => (compiler === '5.9' ? name : `ts7${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`);
    // Each round's version run against the baseline run just before it.
    const rounds = (name: 'v1_6' | 'v1_5'): { extra: number; base: number }[] =>
      times[name].map((ms, i) => ({ extra: ms - (times.baseline[i] as number), base: times.baseline[i] as number }));
    const extra = (name: 'v1_6' | 'v1_5'): number => Math.round(median(rounds(name).map((r) => r.extra)));
    const share = (name: 'v1_6' | 'v1_5'): number => Math.round(median(rounds(name).map((r) => r.extra / r.base)) * 1000) / 1000;
    Object.assign(figures, {
      [key('baselineMs')]: Math.round(median(times.baseline)),
      [key('v16Ms')]: Math.round(median(times.v1_6)),
      [key('v15Ms')]: Math.round(median(times.v1_5)),
      [key('v16ExtraMs')]: extra('v1_6'),
      [key('v15ExtraMs')]: extra('v1_5'),
      [key('v16ExtraRatio')]: share('v1_6'),
      [key('v15ExtraRatio')]: share('v1_5'),
      [key('extraTargetRatio')]: Math.round(EXTRA_TARGET_RATIO * 1000) / 1000,
      [key('baselineFiles')]: files.baseline,
      [key('v16Files')]: files.v1_6,
      [key('v15Files')]: files.v1_5,
    });
  }
  console.log(JSON.stringify({ bench: 'consumer-types', ...figures }));
} finally {
  await rm(project, { recursive: true, force: true });
}
