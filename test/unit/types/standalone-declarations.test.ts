// The packages' declarations stand on their own: a strict NodeNext consumer with no `"types"` of
// Node (`"types": []`, no @types/node) compiles a program on `atws` and `atws/v1_6`, and one on
// `@atws/simulator` and its `/cli`, declarations checked (skipLibCheck off), under TypeScript 5.9
// and 7. A declaration naming `Buffer`, `NodeJS` or `URL`, or importing `node:http` or `node:util`
// (an `[inspect.custom]` method), fails it. The declarations are emitted as the builds do
// (tsconfig.build.json, simulator/tsconfig.build.json) into package folders beside the consumer,
// with each package's own package.json, so both resolve through their `exports` as when
// installed, and the simulator's `atws` imports reach the emitted `atws`, not the sources.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/shared.js';
import { declarationsOnly, installAtwsDeclarations, tsc, TSC5, TSC7 } from '../../support/emitted-declarations.js';

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

const SIMULATOR_CONSUMER = `import { startSimulator, SIMULATOR_DEFAULTS, type RunningSimulator, type SimulatorOptions, type StoredEntity } from '@atws/simulator';
import { registerSimCommand } from '@atws/simulator/cli';
export async function run(options: SimulatorOptions): Promise<StoredEntity | undefined> {
  const sim: RunningSimulator = await startSimulator({ ...options, port: 0, tickets: SIMULATOR_DEFAULTS.tickets });
  try {
    const served: number = sim.stats.total + sim.usageCount();
    const bytes: Uint8Array | undefined = sim.store.getAttachmentData(served);
    void bytes;
    return sim.store.get('Ticket', 1);
  } finally {
    await sim.close();
  }
}
export const register: typeof registerSimCommand = registerSimCommand;
// @ts-expect-error no such option
export const misspelt: SimulatorOptions = { tickts: 3 };
`;

/** The atws subpaths the simulator imports, mapped to the emitted declarations as its build maps them. */
const ATWS_SUBPATHS = {
  atws: 'runtime/index.d.ts',
  'atws/protocol': 'runtime/protocol/index.d.ts',
  'atws/protocol/soap': 'runtime/protocol/soap/index.d.ts',
  'atws/rest-model': 'generated/rest/index.d.ts',
  'atws/entity': 'runtime/entity/entity-base.d.ts',
  'atws/generated-apis': 'runtime/generated-apis.d.ts',
  'atws/v1_5': 'generated/v1_5/index.d.ts',
  'atws/v1_5/*': 'generated/v1_5/*.d.ts',
  'atws/v1_6': 'generated/v1_6/index.d.ts',
  'atws/v1_6/*': 'generated/v1_6/*.d.ts',
  'atws/revisions/*': 'generated/revisions/*.d.ts',
} as const;

const consumerConfig = (file: string): string =>
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
    files: [file],
  });

describe('the declarations compile in a consumer without @types/node', () => {
  let temp: string;
  before(() => {
    mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
    temp = mkdtempSync(join(projectRoot, '.tmp', 'standalone-'));
    const atwsDist = join(installAtwsDeclarations(temp), 'dist');
    // The simulator's build, its `atws` imports pointed at the declarations just emitted.
    const simulator = join(temp, 'node_modules', '@atws', 'simulator');
    mkdirSync(simulator, { recursive: true });
    copyFileSync(join(projectRoot, 'simulator', 'package.json'), join(simulator, 'package.json'));
    const paths = Object.fromEntries(Object.entries(ATWS_SUBPATHS).map(([name, file]) => [name, [join(atwsDist, file)]]));
    writeFileSync(
      join(temp, 'tsconfig.simulator-build.json'),
      JSON.stringify({ extends: join(projectRoot, 'simulator', 'tsconfig.build.json'), compilerOptions: { paths } }),
    );
    const simulatorEmitted = tsc(TSC7, declarationsOnly('tsconfig.simulator-build.json', join(simulator, 'dist')), temp);
    assert.equal(simulatorEmitted.status, 0, simulatorEmitted.out);
    // commander is the simulator's dependency, installed beside it as npm would.
    symlinkSync(join(projectRoot, 'node_modules', 'commander'), join(temp, 'node_modules', 'commander'), 'dir');
    writeFileSync(join(temp, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(temp, 'app.ts'), CONSUMER);
    writeFileSync(join(temp, 'tsconfig.json'), consumerConfig('app.ts'));
    writeFileSync(join(temp, 'simulator-app.ts'), SIMULATOR_CONSUMER);
    writeFileSync(join(temp, 'tsconfig.simulator.json'), consumerConfig('simulator-app.ts'));
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
    it(`TypeScript ${version}: @atws/simulator, no error in its declarations or the program`, () => {
      const { status, out } = tsc(compiler, ['-p', 'tsconfig.simulator.json', '--pretty', 'false'], temp);
      assert.equal(out.trim(), '');
      assert.equal(status, 0);
    });
  }
});
