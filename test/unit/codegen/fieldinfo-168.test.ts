// A later metadata revision (1.6.8: 167 entities, 39 more than the 1.6 WSDL declares) pulls and
// generates, and the result type-checks under the project's strict tsconfig.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '../../../codegen/generate.js';
import { pull } from '../../../codegen/pull.js';
import type { EntitySnapshot } from '../../../codegen/snapshot.js';
import { needsShared, projectRoot, sharedAtws } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

describe('codegen of fieldinfo/1.6.8.json', { skip: needsShared() }, () => {
  let temp: { path: string; remove: () => Promise<void> };
  let snapshot: EntitySnapshot;
  const reported: string[] = [];
  before(async () => {
    temp = await makeTempDir('codegen-168');
    const pulled = await pull({
      wsdl: join(sharedAtws, 'wsdl', '1.6', 'atws.wsdl'),
      metadata: { file: join(sharedAtws, 'fieldinfo', '1.6.8.json') },
      restrictToWsdl: false,
      outDir: join(temp.path, 'wsdl'),
      report: (line) => reported.push(line),
    });
    snapshot = pulled.snapshot;
    await generate({ snapshotDir: pulled.directory, outDir: join(temp.path, 'v1_6') });
  });
  after(() => temp.remove());

  it('keeps all 167 entities and reports the 39 the WSDL lacks', async () => {
    assert.equal(snapshot.metadataVersion, '1.6.8');
    assert.equal(snapshot.entities.length, 167);
    assert.equal((await readdir(join(temp.path, 'v1_6', 'entities'))).length, 167);
    const missing = snapshot.disagreements.filter((d) => d.kind === 'entity-only-in-metadata');
    assert.equal(missing.length, 39);
    assert.equal(reported.filter((l) => l.includes('entity in the metadata but not declared by the WSDL')).length, 39);
  });

  it('type-checks with tsc', () => {
    const tsconfig = join(temp.path, 'tsconfig.json');
    return writeFile(
      tsconfig,
      JSON.stringify({ extends: join(projectRoot, 'tsconfig.json'), compilerOptions: { noEmit: true }, include: ['v1_6'] }),
    ).then(() => {
      const tsc = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
        encoding: 'utf8',
      });
      assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout.slice(0, 3000)}${tsc.stderr.slice(0, 1000)}`);
    });
  });
});
