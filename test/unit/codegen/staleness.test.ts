// `wsdl/`, `generated/` and the 1.6.1 client module `test/fixtures/v1_6_1/` must be exactly what
// `npm run codegen` writes (the REST model's `wsdl/rest-v1.0/` and `generated/rest/` among them):
// regenerate into a temporary folder and compare byte for byte; regenerating again must give the
// same bytes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { codegenAll } from '../../../codegen/cli.js';
import { buildVersion } from '../../../codegen/generate.js';
import { buildRestModel, REST_GENERATED_FOLDER, restSwaggerFile } from '../../../codegen/rest-model-build.js';
import { REST_MODEL_FOLDER } from '../../../codegen/rest-model-snapshot.js';
import { readSnapshot } from '../../../codegen/snapshot-reader.js';
import { needsShared, projectRoot, sharedAtws } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';
import { treeDifferences, treeFiles } from './tree-files.js';

describe('npm run codegen output', { skip: needsShared() }, () => {
  let temp: { path: string; remove: () => Promise<void> };
  before(async () => {
    temp = await makeTempDir('codegen-stale');
    await codegenAll({
      shared: sharedAtws,
      snapshotRoot: join(temp.path, 'wsdl'),
      generatedRoot: join(temp.path, 'generated'),
      fixturesRoot: join(temp.path, 'test', 'fixtures'),
      report: () => {},
    });
  });
  after(() => temp.remove());

  for (const folder of ['wsdl', 'generated', 'test/fixtures/v1_6_1']) {
    it(`${folder}/ is up to date (run \`npm run codegen\` when this fails)`, async () => {
      const fresh = await treeFiles(join(temp.path, folder));
      const committed = await treeFiles(join(projectRoot, folder));
      assert.ok(fresh.size > 0);
      assert.deepEqual(treeDifferences(committed, fresh), []);
    });
  }

  it('generates byte-identical files every time', async () => {
    for (const version of ['1.5', '1.6']) {
      const folder = join(temp.path, 'generated', `v${version.replace('.', '_')}`);
      const again = await buildVersion({ snapshotDir: join(temp.path, 'wsdl', version), outDir: folder });
      assert.deepEqual(treeDifferences(again, await treeFiles(folder)), []);
    }
    const rest = await buildRestModel({
      swaggerFile: restSwaggerFile(sharedAtws),
      soap: (await readSnapshot(join(temp.path, 'wsdl', '1.6'))).entities,
      alsoCovers: [{ snapshot: (await readSnapshot(join(temp.path, 'wsdl', '1.5'))).entities, label: '1.5' }],
      snapshotDir: join(temp.path, 'wsdl', REST_MODEL_FOLDER),
      outDir: join(temp.path, 'generated', REST_GENERATED_FOLDER),
    });
    assert.equal(rest.length, 2);
    for (const [folder, files] of rest) assert.deepEqual(treeDifferences(new Map(files), await treeFiles(folder)), []);
  });
});
