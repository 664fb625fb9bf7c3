// The compile-time probes in test/types/ fail for the reason they name, and fail because of what the
// generator writes. A bare `@ts-expect-error` accepts any error (a typo, a missing import), so each
// directive names, after "->", a fragment of the message the line must produce; here the directives
// are removed in memory, the probes compiled, and each line's messages compared with its fragment.
// Then the generated code is mutated in memory (one generator decision undone at a time, all in one
// program) and the probes that stand on that decision must compile: they test the generator.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../support/shared.js';

const probeDir = join(projectRoot, 'test', 'types');
const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error(.*)$/;

interface Probe {
  readonly file: string;
  /** 0-based line of the probed code (the line after the directive). */
  readonly line: number;
  readonly fragment: string | undefined;
  readonly code: string;
}

const probeFiles = readdirSync(probeDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(probeDir, name))
  .sort();

function readProbes(): { probes: Probe[]; stripped: Map<string, string> } {
  const probes: Probe[] = [];
  const stripped = new Map<string, string>();
  for (const file of probeFiles) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const match = DIRECTIVE.exec(text);
      if (match === null) return;
      const arrow = (match[2] ?? '').indexOf(' -> ');
      probes.push({
        file,
        line: index + 1,
        fragment: arrow < 0 ? undefined : (match[2] ?? '').slice(arrow + 4).trim(),
        code: (lines[index + 1] ?? '').trim(),
      });
      lines[index] = `${match[1] ?? ''}// (probe)`;
    });
    stripped.set(file, lines.join('\n'));
  }
  return { probes, stripped };
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(projectRoot, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error('tsconfig.json: cannot read');
  return { ...parsed.options, noEmit: true };
}

/** Compiles the probe files with some files' text replaced; returns the messages per "file:line". */
function compile(replaced: ReadonlyMap<string, string>): Map<string, string[]> {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = replaced.get(fileName);
    return text === undefined ? getSourceFile(fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language, true);
  };
  const program = ts.createProgram(probeFiles, options, host);
  const messages = new Map<string, string[]>();
  for (const file of probeFiles) {
    const source = program.getSourceFile(file);
    assert.ok(source !== undefined, file);
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const line = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      const key = `${file}:${line}`;
      messages.set(key, [...(messages.get(key) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
    }
  }
  return messages;
}

const where = (probe: Probe): string => `${probe.file.slice(projectRoot.length)}:${probe.line + 1} ${probe.code}`;

/**
 * Generator decisions undone one at a time: [generated file, what the generator writes, what it
 * would write without the decision, probe file, the probed code that must then compile].
 */
const MUTATIONS: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['generated/v1_6/entities/Ticket.ts', 'declare readonly LastActivityDate?', 'declare LastActivityDate?', 'entity-read-write.ts', 'ticket.LastActivityDate = new Date();'],
  ['generated/v1_6/entities/Contact.ts', 'declare readonly AccountID?', 'declare AccountID?', 'entity-read-write.ts', 'contact.AccountID = 5;'],
  [
    'generated/v1_6/entities/Ticket.ts',
    "readonly delete: 'Ticket cannot be deleted through the API'",
    'readonly delete: true',
    'entity-read-write.ts',
    'await ticket.delete();',
  ],
  ['generated/v1_6/entities/Ticket.ts', '  Priority: number;\n', '  Priority?: number;\n', 'entity-read-write.ts', "at.new('Ticket', { Title: 'x', AccountID: 0 });"],
  ['generated/v1_6/entities/Ticket.ts', '  Status: number;\n', '  Status?: number;\n', 'entity-read-write.ts', "at.new('Ticket', { Title: 'x', AccountID: 0 });"],
  ['generated/v1_6/entities/Contact.ts', '  AccountID: number;\n', '  AccountID?: number;\n', 'entity-read-write.ts', "const noAccount: ContactCreate = { Active: 1, FirstName: 'Ada', LastName: 'Lovelace' };"],
  ['generated/v1_6/entity-map.ts', "decimalFields: 'ExchangeRate'", 'decimalFields: never', 'query-operators.ts', "new Query('Currency').where('ExchangeRate', 'Contains', '1.5');"],
  ['generated/v1_5/entities/Ticket.ts', "readonly api: '1.5'", "readonly api: '1.6'", 'api-versions.ts', "at.create(new Ticket15({ Title: 'x' }));"],
  // connect({ api }) reads the entity map from the type of the module's entityClasses.
  ['generated/v1_5/entity-map.ts', 'typeof entityClassesByName & TypedEntityClasses<EntityMap>', 'typeof entityClassesByName', 'connect-api.ts', "at.new('ContactGroup');"],
];

describe('compile-time probes (test/types)', () => {
  const { probes, stripped } = readProbes();
  let messages: Map<string, string[]>;
  before(() => {
    messages = compile(stripped);
  });

  it('every @ts-expect-error names the message it expects after "->"', () => {
    assert.ok(probes.length >= 60, `only ${probes.length} probes found`);
    assert.deepEqual(probes.filter((p) => p.fragment === undefined || p.fragment === '').map(where), []);
  });

  it('every probe fails with the message it names', () => {
    const wrong: string[] = [];
    for (const probe of probes) {
      const got = messages.get(`${probe.file}:${probe.line}`) ?? [];
      if (probe.fragment !== undefined && !got.some((m) => m.includes(probe.fragment as string))) {
        wrong.push(`${where(probe)}\n    expected: ${probe.fragment}\n    got: ${got.length === 0 ? '(no error)' : got.join('\n         ')}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('the lines around the probes compile', () => {
    const probed = new Set(probes.map((p) => `${p.file}:${p.line}`));
    assert.deepEqual([...messages.keys()].filter((key) => !probed.has(key)), []);
  });

  it('the probes stand on what the generator writes: undoing each decision makes its probe compile', () => {
    const mutated = new Map(stripped);
    for (const [file, from, to] of MUTATIONS) {
      const path = join(projectRoot, file);
      const text = mutated.get(path) ?? readFileSync(path, 'utf8');
      assert.ok(text.includes(from), `${file} no longer holds ${JSON.stringify(from)}: update the mutation`);
      mutated.set(path, text.replace(from, to));
    }
    const after = compile(mutated);
    const still: string[] = [];
    for (const [, , , probeFile, code] of MUTATIONS) {
      const probe = probes.find((p) => p.file === join(probeDir, probeFile) && p.code === code);
      assert.ok(probe !== undefined, `no probe ${probeFile}: ${code}`);
      const got = after.get(`${probe.file}:${probe.line}`);
      if (got !== undefined) still.push(`${where(probe)}: ${got.join('; ')}`);
    }
    assert.deepEqual(still, []);
  });
});
