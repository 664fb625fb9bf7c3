// The README's "Compile-time checks" quote what tsc prints; this compiles each of its examples as a
// user would (a strict NodeNext project on the package's emitted declarations, a module generated
// from a tenant beside it where the example needs one) under TypeScript 5.9 and 7, and compares.
// In each ```ts block of the section, a line of code followed by `// TSnnnn: message` comments
// (continued on `//   ` lines) is an example: the code line must fail with that code (or with the
// one TypeScript 7 reports, where the README names it: `// TS2345 (TypeScript 7: TS2739): ...`), and the
// message, its `...` parts each found in order in what tsc prints (whitespace aside). Every other
// line must compile. Free names of the examples (at, ticket, ...) are declared by a preamble here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generate } from '../../../codegen/generate.js';
import { projectRoot } from '../../support/shared.js';
import { installAtwsDeclarations, TSC5, TSC7 } from '../../support/emitted-declarations.js';

/** What the examples use without declaring it, by the module a block imports. */
const PREAMBLE = [
  "import type { Connection as PreambleConnection, PicklistValueOf as PreamblePicklistValue, Stored as PreambleStored } from 'atws';",
  "import type { Ticket as PreambleTicket } from 'atws/v1_6';",
  "import type {} from 'atws/v1_5';",
  'declare const username: string, password: string, due: Date;',
  "declare const at: PreambleConnection<'1.6'>;",
  "declare const at15: PreambleConnection<'1.5'>;",
  'declare const ticket: PreambleStored<PreambleTicket>;',
  "declare const medium: PreamblePicklistValue<PreambleTicket, 'Priority'>;",
  "declare const complete: PreamblePicklistValue<PreambleTicket, 'Status'>;",
];
/** A block that imports a module generated from a tenant, and no version of `atws`, declares nothing of atws's versions. */
const TENANT_MODULE = './atws/generated/v1_6/index.js';

interface Example {
  /** 0-based line of the code in the compiled file. */
  readonly line: number;
  readonly code: string;
  readonly errorCode: string;
  /** The code TypeScript 7 reports where it differs (`// TS2345 (TypeScript 7: TS2739): ...`). */
  readonly errorCode7: string | undefined;
  readonly parts: readonly string[];
}

interface Block {
  readonly file: string;
  readonly text: string;
  readonly examples: readonly Example[];
}

const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The ```ts blocks of the README's "Compile-time checks" section, as consumer files with their examples. */
function readmeBlocks(readme: string): Block[] {
  const start = readme.indexOf('### Compile-time checks');
  assert.ok(start >= 0, 'README.md has no "Compile-time checks" section');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks: Block[] = [];
  for (const match of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const body = (match[1] as string).replace(/\n$/, '').split('\n');
    const preamble = body.some((l) => l.includes(TENANT_MODULE)) ? [] : PREAMBLE;
    const lines = [...preamble, ...body];
    const examples: Example[] = [];
    let last: { line: number; code: string } | undefined;
    let current: { line: number; code: string; errorCode: string; errorCode7: string | undefined; message: string } | undefined;
    const close = (): void => {
      if (current !== undefined)
        examples.push({
          ...current,
          parts: current.message
            .split('...')
            .map(normal)
            .filter((p) => p !== ''),
        });
      current = undefined;
    };
    lines.forEach((text, line) => {
      const error = /^\/\/ (TS\d+)(?: \(TypeScript 7: (TS\d+)\))?: (.*)$/.exec(text);
      if (error !== null) {
        close();
        assert.ok(last !== undefined, `README example: ${text} follows no code`);
        current = { ...last, errorCode: error[1] as string, errorCode7: error[2], message: error[3] as string };
        return;
      }
      const more = /^\/\/ {3}(.*)$/.exec(text);
      if (more !== null && current !== undefined) {
        current.message += ` ${more[1] as string}`;
        return;
      }
      close();
      if (text.trim() !== '' && !text.startsWith('//')) last = { line, code: text.trim() };
    });
    close();
    blocks.push({ file: `readme-${blocks.length + 1}.ts`, text: `${lines.join('\n')}\nexport {};\n`, examples });
  }
  return blocks;
}

/** tsc's errors in the programs of `files` (in `dir`), per `${file}:${0-based line}`: [code, message] pairs. */
function compile(compiler: string, dir: string, files: readonly string[]): Map<string, Array<[string, string]>> {
  const errors = new Map<string, Array<[string, string]>>();
  for (const file of files) compileInto(errors, compiler, dir, `tsconfig.${file}.json`);
  return errors;
}

function compileInto(errors: Map<string, Array<[string, string]>>, compiler: string, dir: string, tsconfig: string): void {
  const result = spawnSync(process.execPath, [compiler, '-p', tsconfig, '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
  let last: [string, string] | undefined;
  for (const text of result.stdout.split('\n')) {
    const head = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(text);
    if (head !== null) {
      const key = `${head[1] as string}:${Number(head[2]) - 1}`;
      last = [head[3] as string, head[4] as string];
      errors.set(key, [...(errors.get(key) ?? []), last]);
    } else if (text.startsWith('  ') && last !== undefined) {
      last[1] += ` ${text.trim()}`;
    } else if (text.trim() !== '') {
      throw new Error(`tsc: unexpected output: ${text}\n${result.stderr}`);
    }
  }
}

describe('README "Compile-time checks": each quoted message is what tsc prints', () => {
  const blocks = readmeBlocks(readFileSync(join(projectRoot, 'README.md'), 'utf8'));
  let temp: string;
  before(async () => {
    mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
    temp = mkdtempSync(join(projectRoot, '.tmp', 'readme-messages-'));
    installAtwsDeclarations(temp);
    // A module generated in the user's project, as `atws codegen generate` writes it (no version registered).
    await generate({ snapshotDir: join(projectRoot, 'wsdl', '1.6'), outDir: join(temp, 'atws', 'generated', 'v1_6'), registerVersion: false });
    writeFileSync(join(temp, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // A program per block: a block that imports atws/v1_6 registers 1.6 for the whole program.
    for (const block of blocks) {
      writeFileSync(join(temp, block.file), block.text);
      writeFileSync(
        join(temp, `tsconfig.${block.file}.json`),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            types: [],
            skipLibCheck: true,
          },
          files: [block.file],
        }),
      );
    }
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('the section has examples, each quoting a message', () => {
    const examples = blocks.flatMap((b) => b.examples);
    assert.ok(examples.length >= 12, `only ${examples.length} examples`);
    assert.deepEqual(
      examples.filter((e) => e.parts.length === 0).map((e) => e.code),
      [],
    );
  });

  for (const [version, compiler] of [
    ['5.9', TSC5],
    ['7', TSC7],
  ] as const) {
    it(`TypeScript ${version}: each example fails with the code and message quoted, and nothing else fails`, () => {
      const errors = compile(
        compiler,
        temp,
        blocks.map((b) => b.file),
      );
      const wrong: string[] = [];
      const expected = new Set<string>();
      for (const block of blocks) {
        for (const example of block.examples) {
          const key = `${block.file}:${example.line}`;
          expected.add(key);
          const got = errors.get(key) ?? [];
          const matches = got.some(([code, message]) => {
            if (code !== (version === '7' ? (example.errorCode7 ?? example.errorCode) : example.errorCode)) return false;
            let at = 0;
            for (const part of example.parts) {
              const found = normal(message).indexOf(part, at);
              if (found < 0) return false;
              at = found + part.length;
            }
            return true;
          });
          if (!matches) {
            wrong.push(
              `${example.code}\n    README: ${example.errorCode}: ${example.parts.join(' ... ')}\n    tsc: ${got.length === 0 ? '(no error)' : got.map(([c, m]) => `${c}: ${normal(m)}`).join('\n         ')}`,
            );
          }
        }
      }
      const unexpected = [...errors]
        .filter(([key]) => !expected.has(key))
        .map(([key, got]) => `${key}: ${got.map(([c, m]) => `${c}: ${m}`).join('; ')}`);
      assert.deepEqual(wrong, []);
      assert.deepEqual(unexpected, []);
    });
  }
});
