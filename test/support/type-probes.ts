/**
 * Compile-time probes: lines under `// @ts-expect-error <why> -> <fragment>` must fail to compile
 * with a message holding the fragment. A bare `@ts-expect-error` accepts any error (a typo, a
 * missing import), so the directives are removed in memory, the files compiled, and each probed
 * line's messages compared with its fragment; every other line must compile.
 *
 * Two compilers check them: TypeScript 5.9 (the `typescript` package, in process) and TypeScript 7
 * (the `typescript7` alias, a native binary without the JavaScript API: run as `tsc` over copies of
 * the stripped files, its messages read from its `--pretty false` output). Users compile with both.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import ts from 'typescript';
import { projectRoot } from './shared.js';

const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error(.*)$/;

export interface Probe {
  readonly file: string;
  /** 0-based line of the probed code (the line after the directive). */
  readonly line: number;
  /** What the message must hold (after "->"); '' when the directive names none. */
  readonly fragment: string;
  readonly code: string;
}

/** Messages per `${file}:${0-based line}`. */
export type Messages = Map<string, string[]>;

/** The probes of some files, and the files' text with each directive replaced by a comment. */
export function readProbes(
  files: readonly string[],
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): { probes: Probe[]; stripped: Map<string, string> } {
  const probes: Probe[] = [];
  const stripped = new Map<string, string>();
  for (const file of files) {
    const lines = read(file).split('\n');
    lines.forEach((text, index) => {
      const match = DIRECTIVE.exec(text);
      if (match === null) return;
      const rest = match[2] ?? '';
      const arrow = rest.indexOf(' -> ');
      probes.push({ file, line: index + 1, fragment: arrow < 0 ? '' : rest.slice(arrow + 4).trim(), code: (lines[index + 1] ?? '').trim() });
      lines[index] = `${match[1] ?? ''}// (probe)`;
    });
    stripped.set(file, lines.join('\n'));
  }
  return { probes, stripped };
}

/** The project's compiler options (tsconfig.json), without emit. */
export function projectCompilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(projectRoot, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error('tsconfig.json: cannot read');
  return { ...parsed.options, noEmit: true };
}

/**
 * Compiles `roots` with TypeScript 5.9 in process, some files' text replaced (files that need not
 * exist on disk, generated code mutated in memory); the messages of the files `report` names.
 */
export function compileWithTs5(roots: readonly string[], replaced: ReadonlyMap<string, string>, report: (file: string) => boolean): Messages {
  const options = projectCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = replaced.get(fileName);
    return text === undefined ? getSourceFile(fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => replaced.has(name) || fileExists(name);
  const program = ts.createProgram(roots, options, host);
  const messages: Messages = new Map();
  for (const source of program.getSourceFiles()) {
    if (!report(source.fileName)) continue;
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const line = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      const key = `${source.fileName}:${line}`;
      messages.set(key, [...(messages.get(key) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
    }
  }
  return messages;
}

const TSC7 = join(projectRoot, 'node_modules', 'typescript7', 'bin', 'tsc');

/** The version of the TypeScript 7 compiler the probes run under. */
export function ts7Version(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'typescript7', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Compiles `files` (their text given) with TypeScript 7, under the project's tsconfig: each is
 * written into a fresh folder as deep below the project root as the original, so that its relative
 * imports resolve to the same modules. Messages are keyed by the original path.
 */
export function compileWithTs7(files: ReadonlyMap<string, string>): Messages {
  const base = join(projectRoot, '.tmp');
  mkdirSync(base, { recursive: true });
  const temp = mkdtempSync(join(base, 'ts7-'));
  try {
    const copies = new Map<string, string>();
    for (const [file, text] of files) {
      const depth = relative(projectRoot, dirname(file)).split(/[\\/]/).length;
      // .tmp/ts7-x/ is two folders deep; deeper originals get folders of their own below it.
      const folder = join(temp, ...Array.from({ length: Math.max(0, depth - 2) }, (_, i) => `d${i}`));
      if (depth < 2) throw new Error(`${file}: a probe file must be at least two folders below the project`);
      mkdirSync(folder, { recursive: true });
      const copy = join(folder, basename(file));
      if (copies.has(copy)) throw new Error(`${file}: two probe files named ${basename(file)}`);
      writeFileSync(copy, text);
      copies.set(copy, file);
    }
    writeFileSync(
      join(temp, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(temp, join(projectRoot, 'tsconfig.json')),
        compilerOptions: { noEmit: true },
        files: [...copies.keys()],
        include: [],
      }),
    );
    return runTs7(join(temp, 'tsconfig.json'), (file) => copies.get(file) ?? file);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Runs TypeScript 7's tsc on a tsconfig; its messages per `${file}:${0-based line}`, each file as
 * `original` maps the path compiled.
 */
export function runTs7(tsconfig: string, original: (file: string) => string = (file) => file): Messages {
  const result = spawnSync(process.execPath, [TSC7, '-p', tsconfig, '--pretty', 'false'], { encoding: 'utf8', cwd: dirname(tsconfig) });
  if (result.error !== undefined) throw result.error;
  const messages: Messages = new Map();
  let last: string[] | undefined;
  for (const text of result.stdout.split('\n')) {
    const head = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(text);
    if (head !== null) {
      const key = `${original(join(dirname(tsconfig), head[1] as string))}:${Number(head[2]) - 1}`;
      last = messages.get(key) ?? [];
      messages.set(key, last);
      last.push(head[5] as string);
    } else if (text.startsWith('  ') && last !== undefined && last.length > 0) {
      // A chained message continues on indented lines, as flattenDiagnosticMessageText joins it.
      last[last.length - 1] += `\n${text.trim()}`;
    } else if (text.trim() !== '') {
      throw new Error(`TypeScript 7: unexpected output line: ${text}\n${result.stderr}`);
    }
  }
  if (result.status !== 0 && messages.size === 0) throw new Error(`TypeScript 7 failed (${result.status}): ${result.stderr}${result.stdout}`);
  return messages;
}

const where = (probe: Probe): string => `${relative(projectRoot, probe.file)}:${probe.line + 1} ${probe.code}`;

/** The probes whose line does not fail with the fragment named, described for an assertion. */
export function wrongProbes(probes: readonly Probe[], messages: Messages): string[] {
  const wrong: string[] = [];
  for (const probe of probes) {
    const got = messages.get(`${probe.file}:${probe.line}`) ?? [];
    if (!got.some((m) => m.includes(probe.fragment))) {
      wrong.push(`${where(probe)}\n    expected: ${probe.fragment}\n    got: ${got.length === 0 ? '(no error)' : got.join('\n         ')}`);
    }
  }
  return wrong;
}

/** Messages on lines that are not probed (which must compile). */
export function unprobedErrors(probes: readonly Probe[], messages: Messages): string[] {
  const probed = new Set(probes.map((p) => `${p.file}:${p.line}`));
  return [...messages].filter(([key]) => !probed.has(key)).map(([key, m]) => `${relative(projectRoot, key)}: ${m.join('; ')}`);
}

export { where as probeLocation };
