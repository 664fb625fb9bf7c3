// The simulator's layers (simulator/README.md, layout): tenant/ is the service whatever the wire
// and imports nothing of the fronts, the HTTP server or SOAP (neither atws/protocol/soap nor any
// XML); http/ knows fronts only through http/front.ts and imports no front; soap/ and rest/ are
// fronts, each reaching the server only through that interface and neither importing the other
// (nor rest/ anything of SOAP's wire). No import cycle among the simulator's modules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { projectRoot } from '../../support/shared.js';

const root = join(projectRoot, 'simulator');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === 'dist' || entry.name === 'node_modules') return [];
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers a file imports or re-exports (comments left out). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] as string);
}

const files = sources(root);
const rel = (file: string): string => relative(root, file).split(sep).join('/');
const folder = (path: string): string => (path.includes('/') ? (path.split('/')[0] as string) : '.');
/** Relative imports as simulator-relative paths of .ts files; package imports as they are. */
const imports = new Map(
  files.map((file) => [
    rel(file),
    specifiers(file).map((spec) => (spec.startsWith('.') ? rel(resolve(dirname(file), spec.replace(/\.js$/, '.ts'))) : spec)),
  ]),
);

describe('simulator layering', () => {
  it('finds the layers', () => {
    for (const layer of ['tenant', 'soap', 'rest', 'http'])
      assert.ok(
        [...imports.keys()].some((f) => folder(f) === layer),
        layer,
      );
  });

  it('tenant/ imports only tenant/, atws/protocol and Node (no SOAP, XML, HTTP or front)', () => {
    const wrong = [...imports]
      .filter(([file]) => folder(file) === 'tenant')
      .flatMap(([file, targets]) =>
        targets
          .filter((t) => !(t.endsWith('.ts') ? folder(t) === 'tenant' : t === 'atws/protocol' || t.startsWith('node:') || t === 'better-sqlite3'))
          .map((t) => `${file} -> ${t}`),
      );
    assert.deepEqual(wrong, []);
  });

  it('http/ imports no front, and soap/ reaches http/ only through front.ts', () => {
    const wrong = [...imports].flatMap(([file, targets]) =>
      targets
        .filter((t) => t.endsWith('.ts'))
        .filter(
          (t) =>
            (folder(file) === 'http' && !['http', 'tenant'].includes(folder(t))) ||
            (folder(file) === 'soap' && folder(t) === 'http' && t !== 'http/front.ts'),
        )
        .map((t) => `${file} -> ${t}`),
    );
    assert.deepEqual(wrong, []);
  });

  it('rest/ reaches http/ only through front.ts, and the two fronts import nothing of each other', () => {
    const wrong = [...imports].flatMap(([file, targets]) =>
      targets
        .filter(
          (t) =>
            (folder(file) === 'rest' && ((folder(t) === 'http' && t !== 'http/front.ts') || folder(t) === 'soap' || t === 'atws/protocol/soap')) ||
            (folder(file) === 'soap' && folder(t) === 'rest'),
        )
        .map((t) => `${file} -> ${t}`),
    );
    assert.deepEqual(wrong, []);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) if (imports.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of imports.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });
});
