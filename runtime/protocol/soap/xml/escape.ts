/**
 * Escaping of text for XML 1.0 documents the package writes (SOAP requests, responses, queryxml).
 *
 * Characters XML 1.0 cannot carry at all, not even as character references (C0 controls other
 * than tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired surrogate halves), are
 * STRIPPED by these escapers (the ATWS server would refuse a request holding them). Values a user
 * hands in to be stored are not escaped silently: the entity writer refuses a field or UDF value
 * holding one ({@link invalidXmlCharAt}), so that the entity fails alone with a message naming the
 * field instead of being saved without the character. A carriage return is written as `&#13;` so
 * that the parser's line-end normalisation does not turn it into a line feed.
 */

// Anything that needs work: markup characters, CR (and in attributes quotes, tab, LF), invalid characters.
const TEXT_NEEDS_WORK = /[&<>\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_NEEDS_WORK = /[&<>"'\t\n\r\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NOT_XML_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/g;

const REFERENCES: { readonly [c: string]: string } = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const reference = (c: string): string => REFERENCES[c] ?? c;

const FIRST_NOT_XML_CHAR = new RegExp(NOT_XML_CHAR.source);

/**
 * Where the first character XML 1.0 cannot carry is, or -1: for a writer that refuses such a value
 * instead of stripping it.
 *
 * @example invalidXmlCharAt('ab\u0000c') // 2
 */
export function invalidXmlCharAt(s: string): number {
  if (!TEXT_NEEDS_WORK.test(s)) return -1;
  return FIRST_NOT_XML_CHAR.exec(s)?.index ?? -1;
}

/**
 * Removes the characters XML 1.0 cannot carry (see the module comment).
 *
 * @example stripInvalidXmlChars('a\u0001b') // "ab"
 */
export function stripInvalidXmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

/**
 * Makes any string safe as XML element content: `&`, `<`, `>` and CR become references,
 * characters XML 1.0 cannot carry are stripped.
 *
 * @example escapeXmlText('a < b & "c"') // "a &lt; b &amp; \"c\""
 */
export function escapeXmlText(s: string): string {
  if (!TEXT_NEEDS_WORK.test(s)) return s;
  return stripInvalidXmlChars(s).replace(TEXT_SPECIAL, reference);
}

/**
 * Makes any string safe inside a double- or single-quoted attribute value: also escapes quotes,
 * and tab/LF/CR (which attribute-value normalisation would otherwise turn into spaces).
 *
 * @example escapeXmlAttr('say "hi"') // "say &quot;hi&quot;"
 */
export function escapeXmlAttr(s: string): string {
  if (!ATTR_NEEDS_WORK.test(s)) return s;
  return stripInvalidXmlChars(s).replace(ATTR_SPECIAL, reference);
}
