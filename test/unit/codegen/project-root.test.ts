// The codegen commands' defaults point into the project whether they run from source (tsx) or
// compiled (`dist/codegen/*.js`, the `atws` bin): never into dist/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_SHARED } from '../../../codegen/cli.js';
import { PROJECT_ROOT, projectRootOf } from '../../../codegen/project-root.js';
import { projectRoot, sharedAtws } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

describe('codegen project root', () => {
  it('is the project, and ../shared/atws beside it, when run from source', () => {
    assert.equal(PROJECT_ROOT, resolve(projectRoot));
    assert.equal(DEFAULT_SHARED, resolve(sharedAtws));
  });

  it('is the folder with the package.json when the code runs from a compiled dist/codegen', async () => {
    const temp = await makeTempDir('project-root');
    try {
      const pkg = join(temp.path, 'pkg');
      await mkdir(join(pkg, 'dist', 'codegen'), { recursive: true });
      await writeFile(join(pkg, 'package.json'), '{"name":"x"}');
      assert.equal(projectRootOf(join(pkg, 'dist', 'codegen')), pkg);
      assert.equal(projectRootOf(pkg), pkg);
    } finally {
      await temp.remove();
    }
  });
});
