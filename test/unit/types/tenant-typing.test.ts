// The tenant typing of issue 13, end to end: a live pull against the simulator (its picklists and
// UDFs), `generate` into a temporary folder, and the probes of test/types/tenant/tenant-typing.ts
// compiled beside the module: each `@ts-expect-error` line fails with the message it names after
// "->", every other line (and the generated module itself) compiles. Then the same snapshot with
// its picklist values and UDFs taken out (what a pull from field metadata files gives, as the
// package's own generated/ is made) is generated and the probes compiled again: every probed
// line must compile, so the errors come from the pulled values and nothing else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { generate } from '../../../codegen/generate.js';
import { pullLiveMetadata } from '../../../codegen/live-metadata.js';
import { pull } from '../../../codegen/pull.js';
import { ENTITIES_FILE, WSDL_FILE, type EntitySnapshot } from '../../../codegen/snapshot.js';
import { startSimulator } from '../../../simulator/index.js';
import { projectRoot } from '../../support/shared.js';
import { makeTempDir } from '../codegen/codegen-temp.js';
import { runTs7, ts7Version } from '../../support/type-probes.js';

const probeSource = join(projectRoot, 'test', 'types', 'tenant', 'tenant-typing.ts');
const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error(.*)$/;

interface Probe {
  /** 0-based line of the probed code (the line after the directive). */
  readonly line: number;
  readonly fragment: string;
  readonly code: string;
}

function readProbes(text: string): { probes: Probe[]; stripped: string } {
  const lines = text.split('\n');
  const probes: Probe[] = [];
  lines.forEach((line, index) => {
    const match = DIRECTIVE.exec(line);
    if (match === null) return;
    const arrow = (match[2] ?? '').indexOf(' -> ');
    probes.push({ line: index + 1, fragment: arrow < 0 ? '' : (match[2] ?? '').slice(arrow + 4).trim(), code: (lines[index + 1] ?? '').trim() });
    lines[index] = `${match[1] ?? ''}// (probe)`;
  });
  return { probes, stripped: lines.join('\n') };
}

/** Compiles the probe file as `<dir>/tenant-typing.ts`; messages per 0-based line of it, and of any other file under `dir`. */
function compile(dir: string, text: string): { probeLines: Map<number, string[]>; moduleErrors: string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(projectRoot, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  assert.ok(parsed !== undefined);
  const options = { ...parsed.options, noEmit: true };
  const file = join(dir, 'tenant-typing.ts');
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, shouldCreate) =>
    name === file ? ts.createSourceFile(name, text, language, true) : getSourceFile(name, language, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const probeLines = new Map<number, string[]>();
  const moduleErrors: string[] = [];
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(dir)) continue;
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const line = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      if (source.fileName === file) probeLines.set(line, [...(probeLines.get(line) ?? []), message]);
      else moduleErrors.push(`${source.fileName.slice(dir.length)}:${line + 1}: ${message}`);
    }
  }
  return { probeLines, moduleErrors };
}

/** The same with TypeScript 7 (a binary: the stripped probes are written beside the module first). */
async function compile7(dir: string, text: string): Promise<{ probeLines: Map<number, string[]>; moduleErrors: string[] }> {
  const file = join(dir, 'tenant-typing.ts');
  await writeFile(file, text);
  const tsconfig = join(dir, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({ extends: relative(dir, join(projectRoot, 'tsconfig.json')), compilerOptions: { noEmit: true }, files: [file], include: [] }),
  );
  const probeLines = new Map<number, string[]>();
  const moduleErrors: string[] = [];
  for (const [key, messages] of runTs7(tsconfig)) {
    const at = key.lastIndexOf(':');
    const name = key.slice(0, at);
    const line = Number(key.slice(at + 1));
    if (name === file) probeLines.set(line, messages);
    else moduleErrors.push(`${name.slice(dir.length)}:${line + 1}: ${messages.join('; ')}`);
  }
  return { probeLines, moduleErrors };
}

/**
 * The simulator's tenant has text and picklist UDFs only; a tenant's number, decimal and date UDFs
 * are added to the pulled snapshot as getUDFInfo describes them (Type Double, Decimal, DateTime).
 */
async function addTypedUdfs(snapshotDir: string): Promise<void> {
  const file = join(snapshotDir, ENTITIES_FILE);
  const snapshot = JSON.parse(await readFile(file, 'utf8')) as EntitySnapshot;
  const udf = (name: string, type: 'double' | 'decimal' | 'datetime'): NonNullable<EntitySnapshot['entities'][number]['udfs']>[number] => ({
    name,
    label: name,
    type,
    length: 0,
    required: false,
    readOnly: false,
    queryable: true,
    picklist: false,
  });
  const entities = snapshot.entities.map((entity) =>
    entity.name === 'Ticket'
      ? { ...entity, udfs: [...(entity.udfs ?? []), udf('Hours Spent', 'double'), udf('Budget', 'decimal'), udf('Follow Up', 'datetime')] }
      : entity,
  );
  await writeFile(file, `${JSON.stringify({ ...snapshot, entities }, null, 2)}\n`);
}

/** The snapshot as a pull from field metadata files gives it: no picklist values, no UDFs. */
function withoutTenantValues(snapshot: EntitySnapshot): EntitySnapshot {
  return {
    ...snapshot,
    entities: snapshot.entities.map(({ udfs: _udfs, ...entity }) => ({
      ...entity,
      fields: entity.fields.map(({ picklistValues: _values, ...field }) => field),
    })),
  };
}

describe('tenant typing: pulled picklist labels and UDF names are compile errors when wrong', () => {
  const { probes, stripped } = readProbes('');
  let probeText: { probes: Probe[]; stripped: string } = { probes, stripped };
  let live: ReturnType<typeof compile>;
  let plain: ReturnType<typeof compile>;
  let live7: ReturnType<typeof compile>;
  let plain7: ReturnType<typeof compile>;
  const temps: Array<{ path: string; remove: () => Promise<void> }> = [];
  before(async () => {
    probeText = readProbes(await readFile(probeSource, 'utf8'));
    const sim = await startSimulator({ tickets: 1 });
    const liveDir = await makeTempDir('tenant-typing-live');
    const plainDir = await makeTempDir('tenant-typing-plain');
    temps.push(liveDir, plainDir);
    try {
      const { username, password, integrationCode } = sim.options;
      const metadata = await pullLiveMetadata({
        endpoint: sim.asmxUrl('1.6'),
        wsdl: sim.wsdlUrl('1.6'),
        credentials: { username, password },
        integrationCode,
      });
      const pulled = await pull({
        wsdl: sim.wsdlUrl('1.6'),
        metadata: { live: metadata.metadata, label: metadata.label },
        restrictToWsdl: false,
        outDir: join(liveDir.path, 'wsdl'),
        report: () => {},
      });
      await addTypedUdfs(pulled.directory);
      // As in a user's project: typed through connect({ api }), not registered as the package's '1.6'.
      await generate({ snapshotDir: pulled.directory, outDir: join(liveDir.path, 'v1_6'), registerVersion: false });
      const plainSnapshot = join(plainDir.path, 'wsdl', '1.6');
      await mkdir(plainSnapshot, { recursive: true });
      const snapshot = JSON.parse(await readFile(join(pulled.directory, ENTITIES_FILE), 'utf8')) as EntitySnapshot;
      await writeFile(join(plainSnapshot, ENTITIES_FILE), `${JSON.stringify(withoutTenantValues(snapshot), null, 2)}\n`);
      await writeFile(join(plainSnapshot, WSDL_FILE), await readFile(join(pulled.directory, WSDL_FILE), 'utf8'));
      await generate({ snapshotDir: plainSnapshot, outDir: join(plainDir.path, 'v1_6'), registerVersion: false });
    } finally {
      await sim.close();
    }
    live = compile(liveDir.path, probeText.stripped);
    plain = compile(plainDir.path, probeText.stripped);
    live7 = await compile7(liveDir.path, probeText.stripped);
    plain7 = await compile7(plainDir.path, probeText.stripped);
  });
  after(async () => {
    for (const temp of temps) await temp.remove();
  });

  const where = (probe: Probe): string => `tenant-typing.ts:${probe.line + 1} ${probe.code}`;

  it('every @ts-expect-error names the message it expects after "->"', () => {
    assert.ok(probeText.probes.length >= 12, `only ${probeText.probes.length} probes`);
    assert.deepEqual(probeText.probes.filter((p) => p.fragment === '').map(where), []);
  });

  for (const [version, results] of [
    ['5.9', () => ({ live, plain })],
    [ts7Version(), () => ({ live: live7, plain: plain7 })],
  ] as const) {
    it(`with the pulled values, every probe fails with the message it names (TypeScript ${version})`, () => {
      const { live: compiled } = results();
      const wrong = probeText.probes
        .filter((probe) => !(compiled.probeLines.get(probe.line) ?? []).some((m) => m.includes(probe.fragment)))
        .map(
          (probe) =>
            `${where(probe)}\n    expected: ${probe.fragment}\n    got: ${(compiled.probeLines.get(probe.line) ?? ['(no error)']).join('\n         ')}`,
        );
      assert.deepEqual(wrong, []);
    });

    it(`with the pulled values, the lines around the probes and the generated module compile (TypeScript ${version})`, () => {
      const { live: compiled } = results();
      const probed = new Set(probeText.probes.map((p) => p.line));
      assert.deepEqual(
        [...compiled.probeLines]
          .filter(([line]) => !probed.has(line))
          .map(([line, messages]) => `tenant-typing.ts:${line + 1}: ${messages.join('; ')}`),
        [],
      );
      assert.deepEqual(compiled.moduleErrors, []);
    });

    it(`without them (as generated from field metadata files), every probed line compiles: labels and UDF names are any string (TypeScript ${version})`, () => {
      const { plain: compiled } = results();
      // get()/set() of a name that is no field: without the tenant's UDFs, refused as no field (UDFs go through getUdf/setUdf).
      const notAField = (messages: readonly string[]): boolean =>
        messages.every((m) => m.includes('is not a field of this entity (a user-defined field: getUdf/setUdf)'));
      const still = probeText.probes
        .filter((probe) => compiled.probeLines.has(probe.line) && !notAField(compiled.probeLines.get(probe.line) ?? []))
        .map((probe) => `${where(probe)}: ${(compiled.probeLines.get(probe.line) ?? []).join('; ')}`);
      assert.deepEqual(still, []);
      assert.deepEqual(compiled.moduleErrors, []);
    });
  }
});
