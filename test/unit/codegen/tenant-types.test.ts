// What the generator writes from a live pull's picklist values and UDFs (emit-tenant-types.ts),
// against golden files: the golden input's metadata, given as a live answer would carry it
// (under the same source name, so that only what the values add differs: labels with quotes, an inactive value, a label twice, a child picklist with a parent that has
// no children, UDFs of several types with names that are not identifiers). The same input without
// the values and UDFs must give exactly the offline golden output (labels and UDF names stay any
// string). UPDATE_GOLDEN=1 rewrites the files; review the diff.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MetadataSet } from '../../../codegen/api-records.js';
import { readFieldInfoFile } from '../../../codegen/fieldinfo-file.js';
import { buildVersion } from '../../../codegen/generate.js';
import { pull } from '../../../codegen/pull.js';
import type { SnapshotPicklistValue, SnapshotUdf } from '../../../codegen/snapshot.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

const goldenRoot = join(projectRoot, 'test', 'golden', 'codegen');
const input = join(goldenRoot, 'input');
const tenantGolden = join(goldenRoot, 'tenant');
const TENANT_FILES = ['entities/Widget.ts', 'entity-map.ts'];

function value(v: number, label: string, extra: Partial<SnapshotPicklistValue> = {}): SnapshotPicklistValue {
  return { value: String(v), label, isDefaultValue: false, sortOrder: v, isActive: true, isSystem: false, ...extra };
}

const udf = (name: string, type: SnapshotUdf['type'], extra: Partial<SnapshotUdf> = {}): SnapshotUdf => ({
  name,
  label: name,
  type,
  length: type === 'string' ? 40 : 0,
  required: false,
  readOnly: false,
  queryable: true,
  picklist: false,
  ...extra,
});

/** The golden metadata as a live pull of a tenant gives it. */
function asLivePull(metadata: MetadataSet): MetadataSet {
  return {
    ...metadata,
    entities: metadata.entities.map((entity) => {
      if (entity.name !== 'Widget') return entity;
      return {
        ...entity,
        fields: entity.fields.map((field) => {
          if (field.name === 'Status') {
            return {
              ...field,
              picklistValues: [value(1, 'New'), value(2, "Don't know"), value(3, 'Retired', { isActive: false }), value(4, 'New'), value(5, 'Done')],
            };
          }
          if (field.name === 'SubStatus') {
            return {
              ...field,
              picklistValues: [
                value(11, 'Fresh', { parentValue: '1' }),
                value(12, 'Old', { parentValue: '1', isActive: false }),
                value(21, 'Unsure', { parentValue: '2' }),
                value(31, 'Gone', { parentValue: '3' }),
                value(41, 'Hidden', { parentValue: '4' }),
              ],
            };
          }
          return field;
        }),
        udfs: [
          udf('Room', 'string'),
          udf('Due On', 'datetime'),
          udf('Seats', 'integer'),
          udf('Mood', 'string', { picklist: true, picklistValues: [value(1, 'Happy'), value(2, 'Sad')] }),
        ],
      };
    }),
  };
}

async function generated(metadata: { live: MetadataSet; label: string } | { file: string }, dir: string): Promise<Map<string, string>> {
  const pulled = await pull({ wsdl: join(input, 'mini.wsdl'), metadata, restrictToWsdl: false, outDir: dir, report: () => {} });
  return buildVersion({ snapshotDir: pulled.directory, outDir: join(dir, 'v1_6') });
}

describe('codegen from a live pull: picklist labels and UDFs as types', () => {
  let temp: { path: string; remove: () => Promise<void> };
  let live: Map<string, string>;
  let offline: Map<string, string>;
  before(async () => {
    temp = await makeTempDir('codegen-tenant');
    const metadata = await readFieldInfoFile(join(input, 'mini-fieldinfo.json'));
    live = await generated({ live: asLivePull(metadata), label: 'mini-fieldinfo.json' }, join(temp.path, 'live'));
    offline = await generated({ file: join(input, 'mini-fieldinfo.json') }, join(temp.path, 'offline'));
    if (process.env['UPDATE_GOLDEN']) {
      await rm(tenantGolden, { recursive: true, force: true });
      for (const file of TENANT_FILES) {
        const path = join(tenantGolden, `${file}.golden`);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, live.get(file) ?? '');
      }
    }
  });
  after(() => temp.remove());

  for (const file of TENANT_FILES) {
    it(`${file} matches its golden file`, async () => {
      assert.equal(live.get(file), await readFile(join(tenantGolden, `${file}.golden`), 'utf8'));
    });
  }

  it('without picklist values and UDFs the output is the offline golden output, labels and UDF names any string', async () => {
    for (const file of TENANT_FILES) {
      assert.equal(offline.get(file), await readFile(join(goldenRoot, 'expected', 'v1_6', `${file}.golden`), 'utf8'), file);
      assert.doesNotMatch(offline.get(file) ?? '', /Udfs|PicklistLabels|PicklistValues|entityUdfs/);
    }
  });

  it('only the live output differs, and only in the tenant types (the rest of the version is the same)', () => {
    const differing = [...live.keys()].filter((file) => live.get(file) !== offline.get(file)).sort();
    assert.deepEqual(differing, [...TENANT_FILES].sort());
  });
});
