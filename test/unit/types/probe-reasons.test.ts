// The compile-time probes in test/types/ fail for the reason they name, under TypeScript 5.9 and 7,
// and fail because of what the generator writes. A bare `@ts-expect-error` accepts any error (a
// typo, a missing import), so each directive names, after "->", a fragment of the message the line
// must produce; here the directives are removed in memory, the probes compiled, and each line's
// messages compared with its fragment (test/support/type-probes.ts). Then the generated code is
// mutated in memory (one generator decision undone at a time, all in one program) and the probes
// that stand on that decision must compile: they test the generator.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/shared.js';
import {
  compileWithTs5,
  compileWithTs7,
  probeLocation as where,
  readProbes,
  ts7Version,
  unprobedErrors,
  wrongProbes,
  type Messages,
} from '../../support/type-probes.js';

const probeDir = join(projectRoot, 'test', 'types');

const probeFiles = readdirSync(probeDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(probeDir, name))
  .sort();

const isProbeFile = (file: string): boolean => probeFiles.includes(file);

/** Compiles the probe files (TypeScript 5.9) with some files' text replaced; the messages per "file:line". */
function compile(replaced: ReadonlyMap<string, string>): Messages {
  return compileWithTs5(probeFiles, replaced, isProbeFile);
}

/**
 * Generator decisions undone one at a time: [generated file, what the generator writes, what it
 * would write without the decision, probe file, the probed code that must then compile].
 */
const MUTATIONS: ReadonlyArray<readonly [string, string, string, string, string]> = [
  [
    'generated/v1_6/entities/Ticket.ts',
    'declare readonly LastActivityDate?',
    'declare LastActivityDate?',
    'entity-read-write.ts',
    'ticket.LastActivityDate = new Date();',
  ],
  ['generated/v1_6/entities/Contact.ts', 'declare readonly AccountID?', 'declare AccountID?', 'entity-read-write.ts', 'contact.AccountID = 5;'],
  [
    'generated/v1_6/entities/Ticket.ts',
    "readonly delete: 'Ticket cannot be deleted through the API'",
    'readonly delete: true',
    'entity-read-write.ts',
    'await ticket.delete();',
  ],
  [
    'generated/v1_6/entities/Ticket.ts',
    "  Priority: PicklistValue<'Ticket.Priority'>;\n",
    "  Priority?: PicklistValue<'Ticket.Priority'>;\n",
    'entity-read-write.ts',
    "at.new('Ticket', { Title: 'x', AccountID: 0 });",
  ],
  [
    'generated/v1_6/entities/Ticket.ts',
    "  Status: PicklistValue<'Ticket.Status'>;\n",
    "  Status?: PicklistValue<'Ticket.Status'>;\n",
    'entity-read-write.ts',
    "at.new('Ticket', { Title: 'x', AccountID: 0 });",
  ],
  [
    'generated/v1_6/entities/Contact.ts',
    '  AccountID: number;\n',
    '  AccountID?: number;\n',
    'entity-read-write.ts',
    "const noAccount: ContactCreate = { Active: 1, FirstName: 'Ada', LastName: 'Lovelace' };",
  ],
  [
    'generated/v1_6/entity-map.ts',
    "decimalFields: 'ExchangeRate'",
    'decimalFields: never',
    'query-operators.ts',
    "new Query('Currency').where('ExchangeRate', 'Contains', '1.5');",
  ],
  ['generated/v1_5/entities/Ticket.ts', "readonly api: '1.5'", "readonly api: '1.6'", 'api-versions.ts', 'at.create(new Ticket15());'],
  // A picklist field's values are its own, not any number.
  [
    'generated/v1_6/entities/Ticket.ts',
    "declare Status?: PicklistValue<'Ticket.Status'>;",
    'declare Status?: number;',
    'picklist-values.ts',
    'ticket.Status = 999;',
  ],
  // connect({ api }) reads the entity map from the type of the module's entityClasses.
  [
    'generated/v1_5/entity-map.ts',
    'typeof entityClassesByName & TypedEntityClasses<EntityMap>',
    'typeof entityClassesByName',
    'connect-api.ts',
    "at.new('ContactGroup');",
  ],
];

describe('compile-time probes (test/types)', () => {
  const { probes, stripped } = readProbes(probeFiles);
  let messages: Messages;
  let messages7: Messages;
  before(() => {
    messages = compile(stripped);
    messages7 = compileWithTs7(stripped);
  });

  it('every @ts-expect-error names the message it expects after "->"', () => {
    assert.ok(probes.length >= 60, `only ${probes.length} probes found`);
    assert.deepEqual(probes.filter((p) => p.fragment === '').map(where), []);
  });

  it('every probe fails with the message it names (TypeScript 5.9)', () => {
    assert.deepEqual(wrongProbes(probes, messages), []);
  });

  it('the lines around the probes compile (TypeScript 5.9)', () => {
    assert.deepEqual(unprobedErrors(probes, messages), []);
  });

  it(`every probe fails with the message it names, and nothing else fails (TypeScript ${ts7Version()})`, () => {
    assert.deepEqual(wrongProbes(probes, messages7), []);
    assert.deepEqual(unprobedErrors(probes, messages7), []);
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
