// The package's declarations stand on their own: a strict NodeNext consumer with no `"types"` of
// Node (`"types": []`, no @types/node) compiles a program on `atws` and `atws/v1_6`, declarations
// checked (skipLibCheck off), under TypeScript 5.9 and 7. A declaration naming `Buffer`, `NodeJS`
// or importing `node:util` (an `[inspect.custom]` method) fails it. The declarations are emitted
// as the build does (tsconfig.build.json) into a package folder beside the consumer, with the
// package's own package.json, so `atws` resolves through its `exports` as when installed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../support/shared.js';

const TSC5 = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const TSC7 = join(projectRoot, 'node_modules', 'typescript7', 'bin', 'tsc');

const CONSUMER = `import { connect, Query, ApiError, type Stored } from 'atws';
import type { Ticket } from 'atws/v1_6';
export async function run(): Promise<Stored<Ticket> | undefined> {
  const at = await connect({ username: 'u', password: 'p', integrationCode: 'c' });
  try {
    return await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchOne();
  } catch (e) {
    if (e instanceof ApiError) void e.messages;
    throw e;
  } finally {
    at.close();
  }
}
// The declarations are read, not taken as any: a misspelt field does not compile.
// @ts-expect-error no such field
export const misspelt = (t: Ticket): unknown => t.Titel;
`;

const tsc = (compiler: string, args: readonly string[], cwd: string): { status: number | null; out: string } => {
  const result = spawnSync(process.execPath, [compiler, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
};

describe('the declarations compile in a consumer without @types/node', () => {
  let temp: string;
  before(() => {
    mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
    temp = mkdtempSync(join(projectRoot, '.tmp', 'standalone-'));
    const pkg = join(temp, 'node_modules', 'atws');
    mkdirSync(pkg, { recursive: true });
    copyFileSync(join(projectRoot, 'package.json'), join(pkg, 'package.json'));
    const emitted = tsc(
      TSC7,
      [
        '-p',
        join(projectRoot, 'tsconfig.build.json'),
        '--emitDeclarationOnly',
        '--declaration',
        '--declarationMap',
        'false',
        '--sourceMap',
        'false',
        '--outDir',
        join(pkg, 'dist'),
      ],
      projectRoot,
    );
    assert.equal(emitted.status, 0, emitted.out);
    writeFileSync(join(temp, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(temp, 'app.ts'), CONSUMER);
    writeFileSync(
      join(temp, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: false,
        },
        files: ['app.ts'],
      }),
    );
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  for (const [version, compiler] of [
    ['5.9', TSC5],
    ['7', TSC7],
  ] as const) {
    it(`TypeScript ${version}: no error, in the declarations or the program`, () => {
      const { status, out } = tsc(compiler, ['-p', '.', '--pretty', 'false'], temp);
      assert.equal(out.trim(), '');
      assert.equal(status, 0);
    });
  }
});
