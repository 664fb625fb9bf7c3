// The package boundaries of README "Packages and layout": a relative import never crosses from one
// package to another (atws = runtime/ + generated/, @atws/codegen = codegen/, @atws/simulator =
// simulator/), the protocol layer imports nothing of the project outside itself, generated code
// reaches the runtime only through `atws/entity` and `atws/protocol`, and the packages name each
// other only as the layering allows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { projectRoot } from '../../support/shared.js';

const PACKAGE_OF: Record<string, string> = { runtime: 'atws', generated: 'atws', codegen: '@atws/codegen', simulator: '@atws/simulator' };

function sources(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === 'dist' || entry.name === 'node_modules') return [];
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every module specifier a file imports (static, dynamic, re-export, augmentation), comments left
 * out (their examples) and so are the templates of code the generator writes (`${...}`).
 */
function specifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom|\bimport|declare module)\s*\(?\s*'([^']+)'/g))
    if (!(match[1] as string).includes('${')) found.push(match[1] as string);
  return found;
}

const files = Object.keys(PACKAGE_OF).flatMap(sources);
const top = (path: string): string => path.split(sep)[0] as string;

describe('package boundaries', () => {
  it('finds the sources', () => assert.ok(files.length > 300, String(files.length)));

  it('no relative import leaves its package, nor the protocol layer', () => {
    const crossing: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(join(projectRoot, file), 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(projectRoot, resolve(projectRoot, dirname(file), spec));
        if (PACKAGE_OF[top(target)] !== PACKAGE_OF[top(file)]) crossing.push(`${file}: ${spec}`);
        const inProtocol = (p: string): boolean => p.startsWith(join('runtime', 'protocol') + sep);
        if (inProtocol(file) && !inProtocol(target)) crossing.push(`${file}: ${spec} (protocol imports only protocol)`);
      }
    }
    assert.deepEqual(crossing, []);
  });

  it('packages name each other only as the layers allow', () => {
    const allowed: Record<string, RegExp> = {
      // runtime/generated-apis.ts, the one registry, loads the shipped generated code by its own name.
      runtime: /^atws\/(v1_[56](\/(metadata|operations|wsdl-document))?|rest-model)$/,
      generated: /^atws\/(entity|protocol|protocol\/soap|query)$/,
      // A pull over REST builds on the package's own description of the version and the REST model
      // (codegen/packaged-api.ts): REST serves no WSDL and names no SOAP field.
      codegen: /^atws\/(entity|protocol|protocol\/soap|rest-model|v1_[56]\/(metadata|wsdl-document))$/,
      // The generated code through the registry; the tour (simulator/tour/) is a client program.
      simulator: /^atws(\/(protocol|protocol\/soap|rest-model|generated-apis|v1_6|revisions\/\w+\/[\w-]+))?$/,
    };
    const wrong: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(join(projectRoot, file), 'utf8'))) {
        if (!/^(atws|@atws)(\/|$)/.test(spec)) continue;
        if (!(allowed[top(file)] as RegExp).test(spec)) wrong.push(`${file}: ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
