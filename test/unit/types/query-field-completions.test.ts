// A query's field argument is typed by a conditional type (so that a wrong field is refused with a
// sentence naming it, not a list of 61 names); editors must still offer the entity's queryable
// fields there. TypeScript completes a string argument from the first overload whose type it can
// read without the argument, so the field overload comes before the group one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../support/shared.js';
import { projectCompilerOptions } from '../../support/type-probes.js';

/** The completions an editor offers at the end of `code` (a file in test/types/, never written). */
function completionsAt(code: string): string[] {
  const file = join(projectRoot, 'test', 'types', 'completion-probe.ts');
  const text = `import { Query } from '../../runtime/index.js';\nimport '../../generated/v1_6/index.js';\n${code}`;
  const options = projectCompilerOptions();
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const source = name === file ? text : ts.sys.readFile(name);
      return source === undefined ? undefined : ts.ScriptSnapshot.fromString(source);
    },
    getCurrentDirectory: () => projectRoot,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? text : ts.sys.readFile(name)),
  };
  const service = ts.createLanguageService(host);
  try {
    return (service.getCompletionsAtPosition(file, text.length, {})?.entries ?? []).map((e) => e.name);
  } finally {
    service.dispose();
  }
}

describe('query field completions', () => {
  for (const method of ['where', 'and', 'or'] as const) {
    it(`${method}('…') offers the queryable fields of the entity`, () => {
      const names = completionsAt(`new Query('Ticket').${method}('`);
      for (const field of ['Title', 'Status', 'id', 'CreateDate'])
        assert.ok(names.includes(field), `${field} not offered: ${names.slice(0, 10).join(', ')}`);
      assert.ok(!names.includes('CreatorType'), 'a field the API does not query is offered');
    });
  }
});
