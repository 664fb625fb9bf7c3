import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  childElement,
  childElements,
  childText,
  parseXml,
  xsiType,
  XmlSyntaxError,
  type XmlElement,
} from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { AtwsError } from '../../../runtime/protocol/errors.js';

const zoneInfo = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <soap:Body>
    <getZoneInfoResponse xmlns="http://autotask.net/ATWS/v1_6/">
      <getZoneInfoResult>
        <URL>https://webservices5.autotask.net/ATServices/1.6/atws.asmx</URL>
        <ErrorCode>0</ErrorCode>
        <CI i:type="xsd:int">123</CI>
        <WebUrl><![CDATA[https://ww5.autotask.net/<x>]]></WebUrl>
        <Empty/>
      </getZoneInfoResult>
    </getZoneInfoResponse>
  </soap:Body>
</soap:Envelope>`;

describe('parseXml', () => {
  it('builds a namespace-aware tree with local names, prefixes and URIs', () => {
    const env = parseXml(zoneInfo);
    assert.equal(env.name, 'Envelope');
    assert.equal(env.prefix, 'soap');
    assert.equal(env.uri, 'http://schemas.xmlsoap.org/soap/envelope/');
    assert.equal(env.attributes['xmlns:soap'], 'http://schemas.xmlsoap.org/soap/envelope/');
    const body = childElement(env, 'Body');
    assert.ok(body);
    const response = childElement(body, 'getZoneInfoResponse');
    assert.equal(response?.uri, 'http://autotask.net/ATWS/v1_6/');
    assert.equal(response?.prefix, '');
    const result = childElement(response as XmlElement, 'getZoneInfoResult') as XmlElement;
    assert.equal(childText(result, 'URL'), 'https://webservices5.autotask.net/ATServices/1.6/atws.asmx');
    assert.equal(childText(result, 'ErrorCode'), '0');
    assert.equal(childText(result, 'WebUrl'), 'https://ww5.autotask.net/<x>');
    assert.equal(childText(result, 'Empty'), '');
    assert.equal(childText(result, 'Missing'), undefined);
    assert.equal(childElements(result, 'URL').length, 1);
    assert.equal(result.children.length, 5);
  });

  it('resolves xsi:type through its namespace, whatever the prefix', () => {
    const env = parseXml(zoneInfo);
    const ci = env.children[0]?.children[0]?.children[0]?.children[2] as XmlElement;
    assert.equal(ci.name, 'CI');
    assert.equal(ci.attributes['i:type'], 'xsd:int');
    assert.equal(xsiType(ci), 'int');
    const notXsi = parseXml('<a xmlns:xsi="urn:other"><b xsi:type="x:Ticket"/></a>').children[0] as XmlElement;
    assert.equal(xsiType(notXsi), undefined);
    const handMade: XmlElement = { name: 'E', prefix: '', uri: '', attributes: { 'xsi:type': 'Ticket' }, children: [], text: '' };
    assert.equal(xsiType(handMade), 'Ticket');
  });

  it('keeps an element own text only, decoding entities and character references', () => {
    const el = parseXml('<a>x &amp; &lt;y&gt; &#233;<b>inner</b>z</a>');
    assert.equal(el.text, 'x & <y> éz');
    assert.equal(el.children[0]?.text, 'inner');
  });

  it('throws XmlSyntaxError on malformed, truncated or empty documents', () => {
    for (const bad of ['', 'not xml', '<a>', '<a></b>', '<a><b></a>', '<a x="1" x="2"/>', '<a>&bogus;</a>', '<p:a/>', '<a/><b/>']) {
      assert.throws(
        () => parseXml(bad),
        (e: unknown) => e instanceof XmlSyntaxError && e instanceof AtwsError && /XML/.test(e.message),
        bad,
      );
    }
  });

  it('refuses a DOCTYPE, the way entity-expansion attacks come, before expanding anything', () => {
    const bomb = `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>`;
    assert.throws(
      () => parseXml(bomb),
      (e: unknown) => e instanceof XmlSyntaxError && /^Malformed XML: 1:0: a DOCTYPE .* not accepted/.test(e.message),
    );
  });

  it('resolves namespaces and xsi:type through nested and overriding declarations', () => {
    const doc = parseXml(
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
        '<e:Body><x xmlns="urn:a"><Entity i:type="q:Ticket"/><Entity xmlns:xsi="urn:not-xsi" xsi:type="Ticket"/><Entity/>' +
        '<p:b xmlns:p="urn:p"><c xml:lang="en" p:x="1"/><p:d xmlns:p="urn:p2"/></p:b><d xmlns="" type="t"/></x></e:Body></e:Envelope>',
    );
    assert.deepEqual([doc.name, doc.prefix, doc.uri], ['Envelope', 'e', 'http://schemas.xmlsoap.org/soap/envelope/']);
    const x = doc.children[0]?.children[0] as XmlElement;
    assert.equal(x.uri, 'urn:a');
    assert.deepEqual(x.children.map(xsiType), ['Ticket', undefined, undefined, undefined, undefined]);
    const [, , , b, d] = x.children as [XmlElement, XmlElement, XmlElement, XmlElement, XmlElement];
    assert.deepEqual([b.name, b.prefix, b.uri], ['b', 'p', 'urn:p']);
    assert.deepEqual(
      b.children.map((c) => [c.name, c.uri]),
      [
        ['c', 'urn:a'],
        ['d', 'urn:p2'],
      ],
    );
    assert.deepEqual(b.children[0]?.attributes, { 'xml:lang': 'en', 'p:x': '1' });
    assert.deepEqual([d.uri, d.attributes], ['', { xmlns: '', type: 't' }]);
    const conventional = parseXml(soapLike('<Entity xsi:type="Ticket"><Title xsi:type="xsd:string">a &amp; b<![CDATA[<c>]]></Title></Entity>'));
    const entity = conventional.children[0] as XmlElement;
    assert.equal(xsiType(entity), 'Ticket');
    assert.equal(xsiType(entity.children[0] as XmlElement), 'string');
    assert.equal(entity.children[0]?.text, 'a & b<c>');
    // One attribute name under sibling scopes binding its prefix differently: each resolved in its own.
    const rebound = parseXml(
      '<r><a xmlns:p="urn:x" p:type="A"/><b xmlns:p="http://www.w3.org/2001/XMLSchema-instance" p:type="q:B"/><c xmlns:p="urn:x" p:type="C"/></r>',
    );
    assert.deepEqual(rebound.children.map(xsiType), [undefined, 'B', undefined]);
  });

  it('refuses namespace misuse: undeclared, emptied or reserved prefixes, malformed names, duplicate expanded attributes', () => {
    for (const bad of [
      '<a q:x="1"/>',
      '<a xmlns:p="urn:p"><p:b/></a><c/>',
      '<a xmlns:p=""/>',
      '<a xmlns:xml="urn:bad"/>',
      '<a xmlns:xmlns="urn:x"/>',
      '<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>',
      '<a xmlns="http://www.w3.org/2000/xmlns/"/>',
      '<xmlns:a/>',
      '<:a/>',
      '<a:b:c xmlns:a="u"/>',
      '<a :b="1"/>',
      '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>',
      '<a><b xmlns:p="urn:p"/><p:c/></a>',
    ]) {
      assert.throws(
        () => parseXml(bad),
        (e: unknown) => e instanceof XmlSyntaxError && /^Malformed XML: \d+:\d+: /.test(e.message),
        bad,
      );
    }
  });
});

function soapLike(body: string): string {
  return `<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${body}</a>`;
}

describe('parseXml nesting depth', () => {
  const nested = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth);

  it('takes 256 levels (real answers nest under 10) and refuses the 257th with a clear XmlSyntaxError', () => {
    assert.equal(parseXml(nested(256)).name, 'a');
    assert.throws(
      () => parseXml(nested(257)),
      (error: unknown) => error instanceof XmlSyntaxError && /^Malformed XML: 1:\d+: nested deeper than 256 elements/.test(error.message),
    );
  });

  it('fails fast on megabytes of nesting, without building the tree', () => {
    const deep = '<a>'.repeat(5_000_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    assert.throws(() => parseXml(deep), /nested deeper than 256 elements/);
    assert.ok(performance.now() - started < 1_000, 'it read on past the limit');
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 50 * 1024 * 1024, 'it built the tree');
  });
});
