// Bad input stops codegen with an error naming the file and the problem, a non-zero exit, and
// no half-written output: what was there before stays as it was.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codegenAll } from '../../../codegen/cli.js';
import { CodegenError } from '../../../codegen/codegen-error.js';
import { replaceDirectory } from '../../../codegen/atomic-dir.js';
import { generate } from '../../../codegen/generate.js';
import { pull } from '../../../codegen/pull.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';
import { goldenMiniSwagger } from './mini-swagger.js';

const input = join(projectRoot, 'test', 'golden', 'codegen', 'input');
const goodWsdl = join(input, 'mini.wsdl');
const goodMetadata = join(input, 'mini-fieldinfo.json');

describe('codegen on bad input', () => {
  let temp: { path: string; remove: () => Promise<void> };
  let wsdlText: string;
  let metadataJson: { Entities: Array<{ Name: string; Fields: Array<Record<string, unknown>> }> };
  const snapshotRoot = (): string => join(temp.path, 'wsdl');
  const sentinel = (): string => join(snapshotRoot(), '1.6', 'entities.json');

  before(async () => {
    temp = await makeTempDir('codegen-bad');
    wsdlText = await readFile(goodWsdl, 'utf8');
    metadataJson = JSON.parse(await readFile(goodMetadata, 'utf8'));
    await mkdir(join(snapshotRoot(), '1.6'), { recursive: true });
    await writeFile(sentinel(), 'previous snapshot');
  });
  after(() => temp.remove());

  async function write(name: string, content: string): Promise<string> {
    const file = join(temp.path, name);
    await writeFile(file, content);
    return file;
  }

  async function pullFails(wsdl: string, metadata: string, pattern: RegExp): Promise<void> {
    await assert.rejects(
      pull({ wsdl, metadata: { file: metadata }, restrictToWsdl: false, outDir: snapshotRoot(), report: () => {} }),
      (error: unknown) => {
        assert.ok(error instanceof CodegenError, String(error));
        assert.match(error.message, pattern);
        return true;
      },
    );
    assert.equal(await readFile(sentinel(), 'utf8'), 'previous snapshot');
    assert.deepEqual((await readdir(snapshotRoot())).sort(), ['1.6']);
  }

  it('refuses a malformed WSDL, naming the file and line', async () => {
    const file = await write('truncated.wsdl', wsdlText.slice(0, wsdlText.indexOf('<wsdl:message')));
    await pullFails(file, goodMetadata, /truncated\.wsdl.*malformed XML/);
  });

  it('refuses an unsupported WSDL construct, naming file, line and construct', async () => {
    const file = await write(
      'choice.wsdl',
      wsdlText
        .replace(
          '<s:sequence>\n              <s:element minOccurs="0" maxOccurs="1" name="Name" />',
          '<s:choice>\n              <s:element minOccurs="0" maxOccurs="1" name="Name" />',
        )
        .replace(
          '</s:sequence>\n          </s:extension>\n        </s:complexContent>\n      </s:complexType>\n      <s:element name="query">',
          '</s:choice>\n          </s:extension>\n        </s:complexContent>\n      </s:complexType>\n      <s:element name="query">',
        ),
    );
    await pullFails(file, goodMetadata, /choice\.wsdl:\d+: unsupported construct <choice>/);
  });

  it('refuses a WSDL whose message names an undeclared element', async () => {
    const file = await write('dangling.wsdl', wsdlText.replace('element="tns:queryResponse"', 'element="tns:nowhere"'));
    await pullFails(file, goodMetadata, /dangling\.wsdl: message "querySoapOut" part "parameters" names element tns:nowhere/);
  });

  it('refuses a WSDL of another API', async () => {
    const file = await write('other.wsdl', wsdlText.replaceAll('http://autotask.net/ATWS/v1_6/', 'http://example.com/other/'));
    await pullFails(file, goodMetadata, /other\.wsdl: targetNamespace "http:\/\/example\.com\/other\/" is not an ATWS/);
  });

  it('refuses a missing file', async () => {
    await pullFails(join(temp.path, 'absent.wsdl'), goodMetadata, /absent\.wsdl: cannot read: ENOENT/);
  });

  it('refuses metadata that is not JSON', async () => {
    const file = await write('broken.json', '{"ApiVersion": "1.6.1", "Entities": [');
    await pullFails(goodWsdl, file, /broken\.json: not JSON/);
  });

  it('refuses metadata with an unknown field type, naming the record', async () => {
    const bad = structuredClone(metadataJson);
    bad.Entities[0]!.Fields[1]!['Type'] = 'int';
    const file = await write('badtype.json', JSON.stringify(bad));
    await pullFails(goodWsdl, file, /badtype\.json: \$\.Entities\[0\]\(Widget\)\.Fields\[1\]\.Type: "int" is not a field type/);
  });

  it('refuses metadata that lacks a field list', async () => {
    const bad = structuredClone(metadataJson) as { Entities: Array<Record<string, unknown>> };
    delete bad.Entities[1]!['Fields'];
    const file = await write('nofields.json', JSON.stringify(bad));
    await pullFails(goodWsdl, file, /nofields\.json: \$\.Entities\[1\]\(Gadget\)\.Fields: expected an array/);
  });

  it('refuses a snapshot whose field would shadow an EntityBase member, and keeps the old output', async () => {
    const pulled = await pull({
      wsdl: goodWsdl,
      metadata: { file: goodMetadata },
      restrictToWsdl: false,
      outDir: join(temp.path, 'ok'),
      report: () => {},
    });
    const entitiesFile = join(pulled.directory, 'entities.json');
    const snapshot = JSON.parse(await readFile(entitiesFile, 'utf8'));
    snapshot.entities[0].fields[1].name = 'delete';
    await writeFile(entitiesFile, JSON.stringify(snapshot));
    const out = join(temp.path, 'generated-v1_6');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'index.ts'), '// previous output\n');
    await assert.rejects(
      generate({ snapshotDir: pulled.directory, outDir: out }),
      /entities\.json: field Gadget\.delete collides with the EntityBase member "delete"/,
    );
    assert.deepEqual(await readdir(out), ['index.ts']);
    assert.equal(await readFile(join(out, 'index.ts'), 'utf8'), '// previous output\n');

    snapshot.entities[0].fields[1].name = 'Name';
    snapshot.entities[0].fields[1].type = 'int';
    await writeFile(entitiesFile, JSON.stringify(snapshot));
    await assert.rejects(
      generate({ snapshotDir: pulled.directory, outDir: out }),
      /entities\.json: \$\.entities\[0\]\(Gadget\)\.fields\[1\]\.type: "int" is not a field type/,
    );
  });

  it('refuses an entity whose name would shadow a generated name or a global the code uses', async () => {
    const pulled = await pull({
      wsdl: goodWsdl,
      metadata: { file: goodMetadata },
      restrictToWsdl: false,
      outDir: join(temp.path, 'names'),
      report: () => {},
    });
    const entitiesFile = join(pulled.directory, 'entities.json');
    const snapshot = JSON.parse(await readFile(entitiesFile, 'utf8'));
    for (const [name, pattern] of [
      ['Date', /the generated name Date \(entity Date\) collides with a global the generated code uses/],
      ['metadata', /the generated name metadata \(entity metadata\) collides with a fixed export/],
      ['Widget', /entities\.json: \$\.entities\[\d\]\.name: entity "Widget" is listed twice/],
    ] as const) {
      snapshot.entities[0].name = name;
      await writeFile(entitiesFile, JSON.stringify(snapshot));
      await assert.rejects(generate({ snapshotDir: pulled.directory, outDir: join(temp.path, 'names-out') }), pattern);
    }
  });

  it('atws codegen all: bad input for 1.6 leaves the output of both versions as it was', async () => {
    const shared = join(temp.path, 'shared');
    await mkdir(join(shared, 'wsdl', '1.5'), { recursive: true });
    await mkdir(join(shared, 'wsdl', '1.6'), { recursive: true });
    await mkdir(join(shared, 'fieldinfo'), { recursive: true });
    await writeFile(join(shared, 'wsdl', '1.5', 'atws.wsdl'), wsdlText.replaceAll('/ATWS/v1_6/', '/ATWS/v1_5/'));
    await writeFile(join(shared, 'wsdl', '1.6', 'atws.wsdl'), wsdlText.slice(0, wsdlText.indexOf('<wsdl:message')));
    await writeFile(join(shared, 'fieldinfo', '1.6.1.json'), JSON.stringify({ ...metadataJson, ApiVersion: '1.6.1' }));
    await writeFile(join(shared, 'fieldinfo', '1.6.8.json'), JSON.stringify({ ...metadataJson, ApiVersion: '1.6.8' }));
    await mkdir(join(shared, 'rest'), { recursive: true });
    await writeFile(join(shared, 'rest', 'swagger.json'), JSON.stringify(goldenMiniSwagger()));
    const root = join(temp.path, 'all');
    for (const dir of ['wsdl/1.5', 'wsdl/1.6', 'generated/v1_5', 'generated/v1_6']) {
      await mkdir(join(root, dir), { recursive: true });
      await writeFile(join(root, dir, 'previous.txt'), dir);
    }
    await assert.rejects(
      codegenAll({ shared, snapshotRoot: join(root, 'wsdl'), generatedRoot: join(root, 'generated'), report: () => {} }),
      /wsdl\/1\.6\/atws\.wsdl.*malformed XML/,
    );
    for (const dir of ['wsdl/1.5', 'wsdl/1.6', 'generated/v1_5', 'generated/v1_6']) {
      assert.deepEqual(await readdir(join(root, dir)), ['previous.txt'], dir);
    }
    assert.deepEqual((await readdir(join(root, 'wsdl'))).sort(), ['1.5', '1.6']);
    assert.deepEqual((await readdir(join(root, 'generated'))).sort(), ['v1_5', 'v1_6']);

    // A swagger the REST model cannot read stops the same call before anything is written.
    await writeFile(join(shared, 'wsdl', '1.6', 'atws.wsdl'), wsdlText);
    await writeFile(
      join(shared, 'rest', 'swagger.json'),
      JSON.stringify({ swagger: '2.0', basePath: '/ATServicesRest', paths: { '/V1.0/Widgets': { get: {} } }, definitions: {} }),
    );
    await assert.rejects(
      codegenAll({ shared, snapshotRoot: join(root, 'wsdl'), generatedRoot: join(root, 'generated'), report: () => {} }),
      /rest\/swagger\.json: \$\.paths\["\/V1\.0\/Widgets"\]\.get\.operationId: expected a string/,
    );
    assert.deepEqual((await readdir(join(root, 'wsdl'))).sort(), ['1.5', '1.6']);
    assert.deepEqual((await readdir(join(root, 'generated'))).sort(), ['v1_5', 'v1_6']);

    // With good input for all, the same call replaces every folder.
    await writeFile(join(shared, 'rest', 'swagger.json'), JSON.stringify(goldenMiniSwagger()));
    await codegenAll({ shared, snapshotRoot: join(root, 'wsdl'), generatedRoot: join(root, 'generated'), report: () => {} });
    assert.deepEqual((await readdir(join(root, 'wsdl', '1.5'))).sort(), ['entities.json', 'wsdl.json']);
    assert.ok((await readdir(join(root, 'generated', 'v1_6'))).includes('index.ts'));
    assert.deepEqual((await readdir(join(root, 'wsdl'))).sort(), ['1.5', '1.6', '1.6.1', 'rest-v1.0']);
    assert.deepEqual((await readdir(join(root, 'generated', 'revisions', 'v1_6_1'))).sort(), ['metadata.ts', 'wsdl-document.ts']);
    assert.deepEqual(await readdir(join(root, 'wsdl', 'rest-v1.0')), ['rest-model.json']);
    assert.deepEqual(await readdir(join(root, 'generated', 'rest')), ['index.ts']);
  });

  it('leaves the target as it was when writing fails midway', async () => {
    const target = join(temp.path, 'target');
    await replaceDirectory(target, new Map([['a.txt', 'old']]));
    // 'a.txt/b.txt' cannot be created once 'a.txt' is a file: the write fails after a first file.
    await assert.rejects(
      replaceDirectory(
        target,
        new Map([
          ['a.txt', 'new'],
          ['a.txt/b.txt', 'x'],
        ]),
      ),
    );
    assert.equal(await readFile(join(target, 'a.txt'), 'utf8'), 'old');
    assert.deepEqual(
      (await readdir(temp.path)).filter((n) => n.startsWith('.target')),
      [],
    );
  });

  it('exits non-zero from the command line, naming the file', async () => {
    const file = await write('cli-bad.wsdl', '<wsdl:definitions');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(projectRoot, 'runtime', 'cli', 'atws.ts'),
        'codegen',
        'pull',
        '--wsdl',
        file,
        '--metadata',
        goodMetadata,
        '--out',
        snapshotRoot(),
      ],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /CodegenError: .*cli-bad\.wsdl.*malformed XML/);
    assert.equal(await readFile(sentinel(), 'utf8'), 'previous snapshot');
  });

  it('atws codegen generate exits non-zero on a broken snapshot, naming it, and keeps the old output', async () => {
    const snapshots = join(temp.path, 'cli-snapshots');
    await mkdir(join(snapshots, '1.6'), { recursive: true });
    await writeFile(join(snapshots, '1.6', 'entities.json'), '{"format": "atws-snapshot/1", "entities": [');
    await writeFile(join(snapshots, '1.6', 'wsdl.json'), '{}');
    const out = join(temp.path, 'cli-generated');
    await mkdir(join(out, 'v1_6'), { recursive: true });
    await writeFile(join(out, 'v1_6', 'index.ts'), '// previous output\n');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(projectRoot, 'runtime', 'cli', 'atws.ts'),
        'codegen',
        'generate',
        '--version',
        '1.6',
        '--snapshots',
        snapshots,
        '--out',
        out,
      ],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /CodegenError: .*cli-snapshots\/1\.6\/entities\.json: not JSON/);
    assert.deepEqual(await readdir(join(out, 'v1_6')), ['index.ts']);
    assert.deepEqual(await readdir(out), ['v1_6']);
  });
});
