// The package root (where generated code finds runtime/) is found whether the code runs from source
// (tsx) or compiled (`dist/codegen/*.js`, the `atws` bin): never inside dist/. Where the commands
// write is another matter: the working directory (test/unit/codegen/user-project.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, RUNTIME_DIR, projectRootOf } from '../../../codegen/project-root.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

describe('codegen project root', () => {
  it('is the checkout, with its runtime/, when run from source', () => {
    assert.equal(PROJECT_ROOT, resolve(projectRoot));
    assert.equal(RUNTIME_DIR, join(resolve(projectRoot), 'runtime'));
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
