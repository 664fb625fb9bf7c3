// The layering inside the packages (package-boundaries.test.ts checks the imports between them):
// - no import cycle in runtime/, generated/, codegen/ and simulator/, type-only imports included;
// - the atws package's layers import only downward: protocol <- entity, query <- client (http,
//   transport, policies, soap, then the transport-independent facade) <- cli <- the package entry;
// - transport-independent code knows no wire: outside folders named `soap`, no module imports
//   runtime/protocol/soap/** by path or `atws/protocol/soap` by name; the client's transports (SOAP,
//   REST) are named only where a connection is put together, and neither names the other.
// Each exemption is listed with its reason.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { projectRoot } from '../../support/shared.js';

const ROOTS = ['runtime', 'generated', 'codegen', 'simulator'];

function sources(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === 'dist' || entry.name === 'node_modules') return [];
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path.split(sep).join('/')] : [];
  });
}

interface Import {
  readonly specifier: string;
  /** Erased at run time: `import type`, `export type`, or every name imported marked `type`. */
  readonly typeOnly: boolean;
}

/**
 * The imports of a source (static, re-exports, dynamic), comments and the templates of code the
 * generator writes (`${...}`) left out; `declare module` augments a module, it imports nothing.
 */
export function importsOf(source: string): Import[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: Import[] = [];
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?([\w*\s{},$]*?)\s*from\s*'([^']+)'/g)) {
    const names = m[3] ?? '';
    const braces = /\{([^}]*)\}/.exec(names);
    const outside = names
      .replace(/\{[^}]*\}/, '')
      .replace(/,/g, '')
      .trim();
    const allTyped =
      braces !== null &&
      outside === '' &&
      (braces[1] as string)
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '')
        .every((n) => n.startsWith('type '));
    found.push({ specifier: m[4] as string, typeOnly: m[2] !== undefined || allTyped });
  }
  for (const m of text.matchAll(/\bimport\s*(?:\(\s*)?'([^']+)'/g)) found.push({ specifier: m[1] as string, typeOnly: false });
  return found.filter((i) => !i.specifier.includes('${'));
}

/** The project file a specifier names (relative, or a package name through tsconfig's paths); undefined outside the project. */
function resolveImport(file: string, specifier: string, paths: Record<string, string[]>): string | undefined {
  const asTs = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\.js$/, '.ts');
  if (specifier.startsWith('.')) return asTs(relative(projectRoot, resolve(projectRoot, dirname(file), specifier)));
  for (const [pattern, [target]] of Object.entries(paths)) {
    if (target === undefined) continue;
    if (pattern.endsWith('/*')) {
      const prefix = pattern.slice(0, -1);
      if (specifier.startsWith(prefix)) return asTs(target.replace('*', specifier.slice(prefix.length)));
    } else if (pattern === specifier) {
      return asTs(target);
    }
  }
  return undefined;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function graph(): { files: string[]; edges: Edge[] } {
  const files = ROOTS.flatMap(sources);
  const known = new Set(files);
  const tsconfig = JSON.parse(readFileSync(join(projectRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  const edges: Edge[] = [];
  for (const file of files) {
    for (const { specifier, typeOnly } of importsOf(readFileSync(join(projectRoot, file), 'utf8'))) {
      const to = resolveImport(file, specifier, tsconfig.compilerOptions.paths);
      if (to !== undefined && known.has(to)) edges.push({ from: file, to, specifier, typeOnly });
    }
  }
  return { files, edges };
}

/** Strongly connected components of more than one file (or a file importing itself): the cycles. */
function cycles(files: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

/**
 * Cycles allowed, each with its reason: the generated entity classes name each other's types where
 * the API's references run both ways (Account <-> AccountPhysicalLocation): `import type` only,
 * erased at run time.
 */
function exemptCycle(component: readonly string[], edges: readonly Edge[]): boolean {
  const inside = new Set(component);
  const generatedEntities = component.every((f) => /^generated\/(v1_\d|revisions\/\w+)\/entities\/\w+\.ts$/.test(f));
  return generatedEntities && edges.filter((e) => inside.has(e.from) && inside.has(e.to)).every((e) => e.typeOnly);
}

/** The layers of the atws package, lowest first; a file may import its own layer and those before it. */
const LAYERS: ReadonlyArray<readonly [string, (file: string) => boolean]> = [
  ['protocol', (f) => f.startsWith('runtime/protocol/')],
  ['entity', (f) => f.startsWith('runtime/entity/')],
  ['query', (f) => f.startsWith('runtime/query/')],
  // A generated module exports the query builder typed by its entities (atws/query).
  ['generated code', (f) => f.startsWith('generated/')],
  ['generated-code registry', (f) => f === 'runtime/generated-apis.ts'],
  ['client/http', (f) => f.startsWith('runtime/client/http/')],
  ['client/transport', (f) => f.startsWith('runtime/client/transport/')],
  ['client/policies', (f) => f.startsWith('runtime/client/policies/')],
  ['client/soap, client/rest', (f) => f.startsWith('runtime/client/soap/') || f.startsWith('runtime/client/rest/')],
  ['client (transport-independent)', (f) => f.startsWith('runtime/client/')],
  ['cli', (f) => f.startsWith('runtime/cli/')],
  ['package entry', (f) => f === 'runtime/index.ts'],
];

function layerOf(file: string): number | undefined {
  const at = LAYERS.findIndex(([, holds]) => holds(file));
  return at < 0 ? undefined : at;
}

const SOAP_PROTOCOL = /^runtime\/protocol\/soap\//;

/** Files outside folders named `soap` that may import the SOAP wire formats, and why. */
const SOAP_EXEMPT: ReadonlyArray<readonly [pattern: RegExp, reason: string]> = [
  [
    /^generated\/(v1_\d|revisions\/\w+)\/(operations|wsdl-document)\.ts$/,
    "generated SOAP descriptors: each version's operations and WSDL structure satisfy the protocol's SOAP types",
  ],
  [
    /^codegen\/(bounded-http|emit-operations|gen-context|join-metadata|pull|snapshot-reader|wsdl-source|wsdl-structure)\.ts$/,
    "the code generator reads the WSDL into the SOAP WSDL model and writes the generated SOAP descriptors; its HTTP checks answers against the SOAP reader's XML depth bound",
  ],
  [
    /^runtime\/generated-apis\.ts$/,
    'the registry of generated code types what it loads of a version, its SOAP operations and WSDL structure among it',
  ],
];

/** Files outside a transport's folder that may name it: where a connection is put together. */
const TRANSPORT_USERS: ReadonlyArray<readonly [file: string, reason: string]> = [
  ['runtime/client/connect.ts', 'connect() opens the transport a connection speaks'],
  ['runtime/index.ts', 'the package entry exports the SOAP types users see (OperationDescriptor, clearZoneCache)'],
];

const TRANSPORT_FOLDERS = ['runtime/client/soap/', 'runtime/client/rest/'];

const inSoapFolder = (file: string): boolean => file.split('/').slice(0, -1).includes('soap');

describe('layering', () => {
  const { files, edges } = graph();

  it('reads the import graph', () => {
    assert.ok(files.length > 300, `${files.length} files`);
    assert.ok(edges.length > 1000, `${edges.length} imports`);
    // The parser sees what it must: a type-only import and a package name resolved.
    assert.ok(edges.some((e) => e.from === 'runtime/client/connection.ts' && e.to === 'runtime/client/transport/transport.ts' && e.typeOnly));
    assert.ok(edges.some((e) => e.from === 'simulator/tenant/query-engine.ts' && e.to === 'runtime/protocol/index.ts'));
    assert.deepEqual(importsOf("import { type A, type B } from './a.js';\nimport { C, type D } from './b.js';\nexport type { E } from './c.js';"), [
      { specifier: './a.js', typeOnly: true },
      { specifier: './b.js', typeOnly: false },
      { specifier: './c.js', typeOnly: true },
    ]);
  });

  it('has no import cycle (type-only imports count, but for the generated entities naming each other)', () => {
    const found = cycles(files, edges).filter((c) => !exemptCycle(c, edges));
    assert.deepEqual(found, []);
  });

  it('imports only downward inside the atws package', () => {
    const upward: string[] = [];
    for (const e of edges) {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      if (from === undefined || to === undefined || to <= from) continue;
      upward.push(`${e.from} (${LAYERS[from]?.[0]}) imports ${e.specifier} (${LAYERS[to]?.[0]})`);
    }
    assert.deepEqual(upward, []);
  });

  it('outside folders named soap, nothing imports the SOAP wire formats (but the listed exemptions)', () => {
    const wrong: string[] = [];
    for (const e of edges) {
      if (inSoapFolder(e.from)) continue;
      const soap = SOAP_PROTOCOL.test(e.to) || e.specifier === 'atws/protocol/soap';
      if (!soap || SOAP_EXEMPT.some(([pattern]) => pattern.test(e.from))) continue;
      wrong.push(`${e.from}: ${e.specifier}`);
    }
    assert.deepEqual(wrong, []);
    // Each exemption still has a file it is for, so none outlives its reason unnoticed.
    for (const [pattern, reason] of SOAP_EXEMPT)
      assert.ok(
        files.some((f) => pattern.test(f)),
        `exemption without a file: ${reason}`,
      );
  });

  it("the client's transports are named only where a connection is put together, and not by each other", () => {
    const wrong: string[] = [];
    for (const e of edges) {
      const wire = TRANSPORT_FOLDERS.find((folder) => e.to.startsWith(folder));
      if (wire === undefined || e.from.startsWith(wire)) continue;
      if (TRANSPORT_FOLDERS.some((folder) => e.from.startsWith(folder)) || !TRANSPORT_USERS.some(([file]) => file === e.from))
        wrong.push(`${e.from}: ${e.specifier}`);
    }
    assert.deepEqual(wrong, []);
  });
});
