import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeXmlAttr, escapeXmlText, stripInvalidXmlChars } from '../../../runtime/protocol/soap/xml/escape.js';
import { parseXml } from '../../../runtime/protocol/soap/xml/xml-tree.js';

/** What an XML 1.0 parser can give back for a string: the string without the characters XML cannot carry. */
const carriable = (s: string): string => stripInvalidXmlChars(s);

describe('escapeXmlText', () => {
  it('returns plain text unchanged (same string)', () => {
    const s = 'Printer offline, room 12B: ça marche – 日本 🎉';
    assert.equal(escapeXmlText(s), s);
  });

  it('escapes markup characters, including the ]]> sequence', () => {
    assert.equal(escapeXmlText('a < b && c > d ]]> "q" \'s\''), 'a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" \'s\'');
  });

  it('writes CR as a character reference so that it survives line-end normalisation', () => {
    assert.equal(escapeXmlText('a\r\nb\rc\n\td'), 'a&#13;\nb&#13;c\n\td');
    assert.equal(parseXml(`<x>${escapeXmlText('a\r\nb\rc')}</x>`).text, 'a\r\nb\rc');
  });

  it('strips the characters XML 1.0 cannot carry: C0 controls, U+FFFE/U+FFFF, lone surrogates', () => {
    assert.equal(escapeXmlText('a\u0000b\u0001c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh'), 'abcdefgh');
    assert.equal(escapeXmlText('x\uD800y\uDC00z'), 'xyz');
    assert.equal(escapeXmlText('pair \uD83C\uDF89 kept'), 'pair \uD83C\uDF89 kept');
    assert.equal(escapeXmlText('<\u0007>'), '&lt;&gt;');
  });

  it('makes any JS string well-formed element content that parses back to its carriable text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.equal(parseXml(`<x>${escapeXmlText(s)}</x>`).text, carriable(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeXmlAttr', () => {
  it('escapes quotes and whitespace that attribute normalisation would change', () => {
    assert.equal(escapeXmlAttr(`say "hi" & 'bye'\t\n\r<>`), 'say &quot;hi&quot; &amp; &apos;bye&apos;&#9;&#10;&#13;&lt;&gt;');
    assert.equal(escapeXmlAttr('plain'), 'plain');
  });

  it('round-trips any JS string through a double- or single-quoted attribute (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeXmlAttr(s);
        assert.equal(parseXml(`<x a="${e}"/>`).attributes['a'], carriable(s));
        assert.equal(parseXml(`<x a='${e}'/>`).attributes['a'], carriable(s));
      }),
      { numRuns: 2000 },
    );
  });
});
