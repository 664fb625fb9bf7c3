/**
 * The client's XML scanner against saxes, the parser the rest of the package uses: over answers
 * shaped as Autotask writes them and over thousands of their mutations (cut short anywhere, a
 * markup or forbidden character put in or taken out), both accept or both refuse, and what they
 * report (tags, attributes, text) is the same, fed whole or in chunks down to one character. The
 * one difference on purpose: the scanner refuses any DOCTYPE.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import { MAX_MARKUP, XmlScanner } from '../../../runtime/protocol/soap/xml/xml-scanner.js';

type Event = readonly ['open', string, Record<string, string>, boolean] | readonly ['close', string] | readonly ['text', string];

/** Events inside the root element, adjacent text joined; or the error. */
function normalise(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (event[0] === 'text' && last?.[0] === 'text') out[out.length - 1] = ['text', last[1] + event[1]];
    else out.push(event);
  }
  return out.filter((event) => event[0] !== 'text' || event[1] !== '');
}

/** `[name, value, ...]` as the record saxes reports. */
function pairs(attributes: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < attributes.length; i += 2) record[attributes[i] as string] = attributes[i + 1] as string;
  return record;
}

function byScanner(xml: string, chunk: (i: number) => number = () => xml.length): Event[] | Error {
  const events: Event[] = [];
  const scanner = new XmlScanner({
    openTag: (name, attributes, selfClosing) => events.push(['open', name, pairs(attributes), selfClosing]),
    closeTag: (name) => events.push(['close', name]),
    text: (text) => events.push(['text', text]),
  });
  try {
    for (let at = 0, i = 0; at < xml.length; i++) {
      const size = Math.max(1, chunk(i));
      scanner.write(xml.slice(at, at + size));
      at += size;
    }
    scanner.close();
    return normalise(events);
  } catch (error) {
    return error as Error;
  }
}

function bySaxes(xml: string): Event[] | Error {
  const events: Event[] = [];
  let depth = 0;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    depth++;
    events.push(['open', tag.name, { ...tag.attributes }, tag.isSelfClosing]);
  });
  parser.on('closetag', (tag) => {
    depth--;
    events.push(['close', tag.name]);
  });
  parser.on('text', (text) => depth > 0 && events.push(['text', text]));
  parser.on('cdata', (text) => events.push(['text', text]));
  try {
    parser.write(xml);
    parser.close();
    return normalise(events);
  } catch (error) {
    return error as Error;
  }
}

const head =
  '<?xml version="1.0" encoding="utf-8"?>\r\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';
const ticket = (id: number, title: string): string =>
  `<Entity xsi:type="Ticket"><id xsi:type="xsd:long">${id}</id><Title xsi:type="xsd:string">${title}</Title><DueDateTime xsi:type="xsd:dateTime">2024-05-06T17:00:00</DueDateTime><Description xsi:nil="true" /><UserDefinedFields><UserDefinedField><Name>Region</Name><Value>North &amp; South</Value></UserDefinedField></UserDefinedFields></Entity>`;
const CORPUS = [
  `${head}<soap:Body><queryResponse xmlns="http://autotask.net/ATWS/v1_6/"><queryResult><EntityResults>${ticket(1, 'Printer &lt;jam&gt; &#x41;&#66; \u{1F600} caf\u00e9')}${ticket(2, 'line\r\nbreak\rand\ttab')}</EntityResults><EntityResultType>ticket</EntityResultType><Errors /><ReturnCode>1</ReturnCode></queryResult></queryResponse></soap:Body></soap:Envelope>`,
  `\uFEFF<?xml version='1.0'?><!-- a comment --><root a='single "quoted"' b = "two&#10;lines
here" ><?pi some data?><![CDATA[<not markup> & ]] >]]>text<empty/><x:y z:w="1"></x:y></root>\n<!-- after -->\n`,
  `<r>&quot;&apos;&gt;&lt;&amp;&#9;&#xD;</r>`,
];

const INSERTS = ['<', '>', '&', '"', "'", ']]>', '\u0001', '</x>', '<x>', '--', '\r', '=', ' ', '/', '?>', '<!--', '&#0;', '&bogus;', '\uFFFE'];

/** A small deterministic generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

/** A surrogate without its other half: text decoded from UTF-8 never holds one, and saxes misreads what follows it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function agree(xml: string, what: string): void {
  if (LONE_SURROGATE.test(xml)) return;
  const expected = bySaxes(xml);
  const actual = byScanner(xml);
  if (xml.includes('<!D')) {
    assert.ok(actual instanceof Error, `${what}: a DOCTYPE is refused: ${JSON.stringify(xml)}`);
    return;
  }
  if (expected instanceof Error || actual instanceof Error) {
    assert.equal(
      actual instanceof Error,
      expected instanceof Error,
      `${what}: saxes ${String(expected instanceof Error ? expected.message : 'accepts')}, scanner ${String(actual instanceof Error ? actual.message : 'accepts')}: ${JSON.stringify(xml)}`,
    );
    return;
  }
  assert.deepEqual(actual, expected, `${what}: ${JSON.stringify(xml)}`);
}

describe('XmlScanner, against saxes', () => {
  it('reports the same tags, attributes and text for whole answers and any chunking', () => {
    const next = random(7);
    for (const xml of CORPUS) {
      const expected = bySaxes(xml);
      assert.ok(!(expected instanceof Error), String(expected));
      assert.deepEqual(byScanner(xml), expected);
      assert.deepEqual(
        byScanner(xml, () => 1),
        expected,
        'one character at a time',
      );
      for (let round = 0; round < 30; round++)
        assert.deepEqual(
          byScanner(xml, () => Math.floor(next() * 40)),
          expected,
          `chunking round ${round}`,
        );
    }
  });

  it('refuses a document cut short anywhere, as saxes does', () => {
    for (const xml of CORPUS) for (let length = 0; length < xml.length; length++) agree(xml.slice(0, length), `cut at ${length}`);
  });

  it('agrees on thousands of mutations: a character put in or taken out', () => {
    const next = random(42);
    for (const xml of CORPUS) {
      for (let round = 0; round < 1500; round++) {
        const at = Math.floor(next() * xml.length);
        const mutated =
          next() < 0.3
            ? xml.slice(0, at) + xml.slice(at + 1)
            : xml.slice(0, at) + (INSERTS[Math.floor(next() * INSERTS.length)] as string) + xml.slice(at);
        agree(mutated, `mutation ${round}`);
      }
    }
  });

  it('refuses a DOCTYPE (the way entity-expansion attacks come), names a mismatched tag, and reads nothing after close', () => {
    assert.match(String(byScanner('<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>')), /DOCTYPE/);
    assert.match(String(byScanner('<a><b></a>')), /unexpected close tag: a; expected b/);
    assert.match(String(byScanner('<a><b>')), /unclosed tag: b/);
    const scanner = new XmlScanner({ openTag: () => undefined, closeTag: () => undefined, text: () => undefined });
    scanner.write('<a/>');
    scanner.close();
    assert.throws(() => scanner.write('<b/>'), /write after close/);
  });

  it('refuses a tag longer than MAX_MARKUP as it streams in, rather than reading it again with each chunk', () => {
    const scanner = new XmlScanner({ openTag: () => undefined, closeTag: () => undefined, text: () => undefined });
    scanner.write('<r><a b="');
    const chunk = 'x'.repeat(4096);
    const started = performance.now();
    assert.throws(
      () => {
        for (let i = 0; i < 1_000; i++) scanner.write(chunk);
      },
      new RegExp(`markup longer than ${MAX_MARKUP} characters`),
    );
    assert.ok(performance.now() - started < 2_000, 'refused early, not after four megabytes');
  });

  it('streams a long text run in pieces, whatever it ends with', () => {
    const texts: string[] = [];
    const scanner = new XmlScanner({ openTag: () => undefined, closeTag: () => undefined, text: (t) => texts.push(t) });
    scanner.write('<r>');
    for (let i = 0; i < 100; i++) scanner.write(`${'y'.repeat(1000)}]`);
    scanner.write('&amp;</r>');
    scanner.close();
    assert.ok(texts.length > 50, 'the run came in pieces, not held back whole');
    assert.equal(texts.join(''), `${'y'.repeat(1000)}]`.repeat(100) + '&');
  });
});
