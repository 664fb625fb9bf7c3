// The generator's output for a small, hand-written input (every field type, a child picklist, a
// reference, a field name that is not an identifier, each kind of disagreement) against golden
// files. UPDATE_GOLDEN=1 rewrites them; review the diff.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generate } from '../../../codegen/generate.js';
import { pull } from '../../../codegen/pull.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';
import { treeDifferences, treeFiles } from './tree-files.js';

const goldenRoot = join(projectRoot, 'test', 'golden', 'codegen');
const input = join(goldenRoot, 'input');
const expectedRoot = join(goldenRoot, 'expected');

describe('codegen golden output', () => {
  let temp: { path: string; remove: () => Promise<void> };
  let output: Map<string, string>;
  const reported: string[] = [];
  before(async () => {
    temp = await makeTempDir('codegen-golden');
    const pulled = await pull({
      wsdl: join(input, 'mini.wsdl'),
      metadata: { file: join(input, 'mini-fieldinfo.json') },
      restrictToWsdl: false,
      outDir: join(temp.path, 'wsdl'),
      report: (line) => reported.push(line),
    });
    // Imports as from generated/v1_x, so that the golden text does not depend on the temp folder.
    await generate({ snapshotDir: pulled.directory, outDir: join(temp.path, 'v1_6') });
    // The same output with imports that resolve from the temp folder, for tsc.
    await generate({ snapshotDir: pulled.directory, outDir: join(temp.path, 'tsc', 'v1_6') });
    await writeFile(join(temp.path, 'tsconfig.json'), JSON.stringify({ extends: join(projectRoot, 'tsconfig.json'), include: ['tsc'] }));
    output = new Map([
      ...[...(await treeFiles(join(temp.path, 'wsdl')))].map(([p, c]) => [`wsdl/${p}`, c] as const),
      ...[...(await treeFiles(join(temp.path, 'v1_6')))].map(([p, c]) => [`v1_6/${p}`, c] as const),
    ]);
    if (process.env['UPDATE_GOLDEN']) {
      await rm(expectedRoot, { recursive: true, force: true });
      for (const [path, content] of output) {
        const file = join(expectedRoot, `${path}.golden`);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    }
  });
  after(() => temp.remove());

  it('matches the golden files', async () => {
    const expected = new Map([...(await treeFiles(expectedRoot))].map(([p, c]) => [p.replace(/\.golden$/, ''), c] as const));
    assert.ok(expected.size > 0, 'no golden files: run with UPDATE_GOLDEN=1');
    assert.deepEqual(treeDifferences(output, expected), []);
  });

  it('reports every disagreement on stderr', () => {
    assert.deepEqual(reported, [
      "atws codegen pull 1.6: Sprocket: entity in the metadata but not declared by the WSDL: kept, with its fields in metadata order (no WSDL type declares it); wsdl.json declares it, derived: a complexType extending Entity with those fields, after the WSDL's entity types",
      "atws codegen pull 1.6: Widget.Extra: field in the metadata but not declared by the WSDL: kept after the WSDL-declared fields (the WSDL gives no position for it); wsdl.json declares it, derived, at the end of the entity's sequence",
      'atws codegen pull 1.6: Widget.legacy_sum: field declared by the WSDL but missing from the metadata: kept in wire order as a read-only, non-queryable string field (the API reports no type for it)',
      'atws codegen pull 1.6: Gadget.OwnerID: reference to an entity this snapshot lacks: the reference name is kept; the generated TSDoc names it without a link (Person)',
    ]);
  });

  it('type-checks, with the odd field name quoted', () => {
    const tsc = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(temp.path, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 0, tsc.stdout.slice(0, 3000));
    assert.match(output.get('v1_6/entities/Widget.ts') ?? '', /declare 'Odd-Name'\?: string;/);
  });
});
