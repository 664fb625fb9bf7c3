// The simulator serves the WSDL that runtime/protocol/soap/wsdl/wsdl-writer.ts writes from the generated
// structure: it must parse with the `soap` package, declare what the reference WSDL declares (1.6:
// and the derived declarations of what only its metadata has), and read back to the very same structure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import soap from 'soap';
import { parseWsdl } from 'wsdl-tsclient';
import { UsageError } from '../../../runtime/protocol/errors.js';
import { writeWsdl, type WsdlDocument } from '../../../runtime/protocol/soap/wsdl/wsdl-writer.js';
import { wsdlDocument as wsdl15 } from '../../../generated/v1_5/wsdl-document.js';
import { wsdlDocument as wsdl16 } from '../../../generated/v1_6/wsdl-document.js';
import { parseSourceXml } from '../../../codegen/source-xml.js';
import { readWsdlStructure } from '../../../codegen/wsdl-structure.js';
import type { EntitySnapshot } from '../../../codegen/snapshot.js';
import { needsShared, projectRoot, sharedAtws } from '../../support/shared.js';
import { makeTempDir } from './codegen-temp.js';

function parseWithSoap(xml: string): Promise<InstanceType<typeof soap.WSDL>> {
  return new Promise((resolve, reject) => {
    const wsdl = new soap.WSDL(xml, 'written.wsdl', {});
    wsdl.onReady((error) => (error ? reject(error) : resolve(wsdl)));
  });
}

/** What a WSDL declares, as the soap package sees it. */
function declarations(wsdl: InstanceType<typeof soap.WSDL>) {
  const d = wsdl.definitions;
  const schema = Object.values(d.schemas)[0] as unknown as {
    elements: Record<string, unknown>;
    complexTypes: Record<string, { children: Array<{ name: string; children: Array<{ $base?: string }> }> }>;
    types: Record<string, unknown>;
  };
  const binding = Object.values(d.bindings)[0] as unknown as { methods: Record<string, { soapAction: string }> };
  const entityTypes = Object.entries(schema.complexTypes)
    .filter(([, t]) => t.children[0]?.name === 'complexContent')
    .map(([n]) => n)
    .sort();
  return {
    operations: Object.entries(binding.methods)
      .map(([n, m]) => `${n} ${m.soapAction}`)
      .sort(),
    portType: Object.keys((Object.values(d.portTypes)[0] as unknown as { methods: object }).methods).sort(),
    messages: Object.keys(d.messages).sort(),
    elements: Object.keys(schema.elements).sort(),
    complexTypes: Object.keys(schema.complexTypes).sort(),
    simpleTypes: Object.keys(schema.types).sort(),
    entityTypes,
  };
}

/** What wsdl-tsclient (the design card's TypeScript client generator) reads from a WSDL file. */
async function clientModel(file: string): Promise<unknown> {
  const parsed = await parseWsdl(file, {});
  return {
    services: parsed.services.map((s) => ({
      name: s.name,
      ports: s.ports.map((p) => ({
        name: p.name,
        methods: p.methods.map((m) => `${m.name}(${m.paramName}: ${m.paramDefinition?.name}): ${m.returnDefinition?.name}`),
      })),
    })),
    definitions: parsed.definitions
      .map((d) => ({
        name: d.name,
        properties: d.properties.map((p) => `${p.name}${p.isArray ? '[]' : ''}: ${p.kind === 'PRIMITIVE' ? p.type : p.ref.name}`),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

interface ClientModel {
  readonly services: Array<{ ports: Array<{ methods: string[] }> }>;
  readonly definitions: Array<{ name: string; properties: string[] }>;
}

async function snapshotOf(version: string): Promise<EntitySnapshot> {
  return JSON.parse(await readFile(join(projectRoot, 'wsdl', version, 'entities.json'), 'utf8')) as EntitySnapshot;
}

const versions: Array<[string, WsdlDocument]> = [
  ['1.5', wsdl15],
  ['1.6', wsdl16],
];

describe('writeWsdl', () => {
  for (const [version, document] of versions) {
    it(`writes a ${version} WSDL that reads back to the same structure, at the given address`, () => {
      const address = `http://127.0.0.1:1234/atservices/${version}/atws.asmx`;
      const xml = writeWsdl(document, { address });
      assert.deepEqual(readWsdlStructure(parseSourceXml(xml, 'written.wsdl'), 'written.wsdl'), document);
      assert.match(xml, new RegExp(`<soap:address location="${address.replace(/\./g, '\\.')}" />`));
    });

    it(`writes a ${version} WSDL that soap parses and that declares what the reference declares`, { skip: needsShared() }, async () => {
      const xml = writeWsdl(document, { address: 'http://127.0.0.1:1/atws.asmx' });
      const written = declarations(await parseWithSoap(xml));
      const reference = declarations(await parseWithSoap(await readFile(join(sharedAtws, 'wsdl', version, 'atws.wsdl'), 'utf8')));
      // 1.6 declares, derived, the entities only its metadata (1.6.8) has; 1.5 is restricted to its WSDL.
      const derived = (await snapshotOf(version)).entities.filter((e) => e.source === 'metadata-only').map((e) => e.name);
      assert.equal(derived.length, version === '1.5' ? 0 : 39);
      const withDerived = (names: string[]): string[] => [...names, ...derived].sort();
      assert.deepEqual(written, { ...reference, complexTypes: withDerived(reference.complexTypes), entityTypes: withDerived(reference.entityTypes) });
      assert.equal(written.operations.length, 14);
      assert.equal(written.entityTypes.length, version === '1.5' ? 124 : 167);
    });
  }

  it('writes WSDLs that wsdl-tsclient reads as it reads the reference ones', { skip: needsShared() }, async () => {
    const temp = await makeTempDir('wsdl-tsclient');
    try {
      for (const [version, document] of versions) {
        const referenceFile = join(sharedAtws, 'wsdl', version, 'atws.wsdl');
        const expected = (await clientModel(referenceFile)) as ClientModel;
        // The writer loses nothing: the reference's own structure, written, reads as the reference.
        const rewritten = join(temp.path, `reference-${version}.wsdl`);
        const referenceDocument = readWsdlStructure(parseSourceXml(await readFile(referenceFile, 'utf8'), referenceFile), referenceFile);
        await writeFile(rewritten, writeWsdl(referenceDocument, { address: 'http://127.0.0.1:1/atws.asmx' }));
        assert.deepEqual(await clientModel(rewritten), expected, version);
        // The served one: the same, plus (1.6) the derived declarations of metadata-only fields.
        const file = join(temp.path, `atws-${version}.wsdl`);
        await writeFile(file, writeWsdl(document, { address: 'http://127.0.0.1:1/atws.asmx' }));
        const written = (await clientModel(file)) as ClientModel;
        assert.equal(written.services[0]?.ports[0]?.methods.length, 14, version);
        assert.deepEqual(written.services, expected.services, version);
        const metadataOnly = new Set(
          (await snapshotOf(version)).entities.flatMap((e) => e.fields.filter((f) => f.source === 'metadata-only').map((f) => f.name)),
        );
        const added: string[] = [];
        for (const definition of written.definitions) {
          const before = expected.definitions.find((d) => d.name === definition.name);
          const properties = before === undefined ? [] : before.properties;
          assert.deepEqual(definition.properties.slice(0, properties.length), properties, `${version} ${definition.name}`);
          added.push(...definition.properties.slice(properties.length).map((p) => p.slice(0, p.indexOf(':'))));
        }
        for (const name of added) assert.ok(metadataOnly.has(name), `${version}: ${name} is no metadata-only field`);
        assert.equal(added.length > 0, version === '1.6', version);
        for (const d of expected.definitions)
          assert.ok(
            written.definitions.some((w) => w.name === d.name),
            `${version} ${d.name}`,
          );
      }
    } finally {
      await temp.remove();
    }
  });

  it('refuses an address that is not an http(s) URL', () => {
    assert.throws(() => writeWsdl(wsdl16, { address: '' }), /writeWsdl: the address must be an http\(s\) URL; got ""/);
    assert.throws(() => writeWsdl(wsdl16, { address: 'ftp://x' }), UsageError);
  });

  it('escapes attribute and text content', () => {
    const doc: WsdlDocument = { ...wsdl16, service: { ...wsdl16.service, documentation: 'a < b & "c"' } };
    const xml = writeWsdl(doc, { address: 'http://x/?a=1&b="2"' });
    assert.match(xml, /<wsdl:documentation>a &lt; b &amp; "c"<\/wsdl:documentation>/);
    assert.match(xml, /location="http:\/\/x\/\?a=1&amp;b=&quot;2&quot;"/);
    assert.equal(readWsdlStructure(parseSourceXml(xml, 'w'), 'w').service.documentation, 'a < b & "c"');
  });
});
