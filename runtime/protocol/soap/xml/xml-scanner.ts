/**
 * A streaming scanner of XML 1.0 documents without a DTD: the client's hot path (every answer of
 * query/create/update/delete goes through it) and, under xml-tree.ts, every other SOAP message
 * (the simulator's hot path: the requests it parses). It reports start tags with their
 * attributes, end tags and text, and refuses what is not well-formed as soon as it is seen.
 *
 * Why not saxes (which the code generator uses): saxes reads one character at a time through
 * a general state machine, about half of the client's CPU when it streams tickets. Here markup is
 * found with `indexOf`, names are read by character code, an end tag is compared with the open
 * element's name without a copy, a text run is taken whole (one regular-expression test says
 * whether it needs more than a copy), and attributes come as one reused flat array. About 1.4x
 * saxes' speed on a 27.5 MB answer. A chunk boundary costs a copy of the unfinished token, which
 * is why a token is bounded (`MAX_MARKUP`); text is handed on in pieces, never held back whole.
 *
 * What is checked, as XML 1.0 requires: names, attribute syntax (quoted, no `<`, no repeats), one
 * root element, tags that nest and match, character and entity references (the five predefined
 * entities only), characters outside the XML `Char` production, `]]>` outside CDATA, comments
 * without `--`, the XML declaration only at the start, nothing but white space, comments and
 * processing instructions outside the root. A DOCTYPE is refused: no ATWS message has one, and
 * a DTD is how entity-expansion attacks come. Text and attribute values come decoded, line ends
 * normalised to `\n` and attribute white space to spaces.
 * test/unit/xml/xml-scanner.test.ts compares it with saxes over real answers and their mutations.
 */

export interface XmlScanHandler {
  /**
   * A start tag (`selfClosing`: an empty-element tag, whose end follows at once). `attributes` is
   * `[name, value, name, value, ...]`, valid only during the call (the scanner reuses the array).
   */
  openTag(name: string, attributes: readonly string[], selfClosing: boolean): void;
  /** An end tag, after the scanner checked that it matches the open element. */
  closeTag(name: string): void;
  /** Character data inside the root element; one text run may come in several pieces. */
  text(text: string): void;
}

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = `[${NAME_START}][${NAME_CHAR}]*`;
const S = '[ \\t\\r\\n]';
/** ASCII name characters: 1 may start a name, 2 may only continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[:A-Z_a-z]/.test(ch)) ASCII_NAME[c] = 1;
  else if (/[-.0-9]/.test(ch)) ASCII_NAME[c] = 2;
}
const NAME_START_CHAR = new RegExp(`^[${NAME_START}]$`, 'u');
const NAME_CHAR_ANY = new RegExp(`^[${NAME_CHAR}]$`, 'u');
/** Text that needs more than a copy: references, carriage returns, forbidden characters (`]]>` is looked for apart). */
const TEXT_NEEDS_WORK = /[&\r\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
/** An attribute value that needs more than a copy: references, white space to normalise, `<`, forbidden characters. */
const VALUE_NEEDS_WORK = /[&<\t\n\r\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
/** The longest tag, comment, CDATA section or processing instruction accepted, in characters. */
export const MAX_MARKUP = 65_536;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/**
 * Where the XML name starting at `from` ends (`from` itself when no name starts there); -1 when it
 * runs to the end of the buffer (more input may continue it).
 */
function nameEnd(buffer: string, from: number): number {
  let i = from;
  const length = buffer.length;
  while (i < length) {
    const c = buffer.charCodeAt(i);
    if (c < 128) {
      const kind = ASCII_NAME[c] as number;
      if (kind === 0 || (kind === 2 && i === from)) return i;
      i++;
      continue;
    }
    const code = buffer.codePointAt(i) as number;
    const ch = String.fromCodePoint(code);
    if (!(i === from ? NAME_START_CHAR : NAME_CHAR_ANY).test(ch)) return i;
    i += ch.length;
  }
  return -1;
}

const PI_TARGET = new RegExp(`<\\?(${NAME})(?:${S}|\\?>)`, 'uy');
const WHITE_SPACE = /^[ \t\r\n]*$/;
const EQ = `${S}*=${S}*`;
/** XML 1.0's `XMLDecl`: version, then optionally encoding and standalone, in that order. */
const XML_DECLARATION = new RegExp(
  `^<\\?xml${S}+version${EQ}(?:"1\\.[0-9]+"|'1\\.[0-9]+')(?:${S}+encoding${EQ}(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:${S}+standalone${EQ}(?:"(?:yes|no)"|'(?:yes|no)'))?${S}*\\?>$`,
);
/**
 * A character outside XML 1.0's `Char`. Lone surrogates are let through, as saxes does: text
 * decoded from UTF-8 cannot hold one (an invalid sequence becomes U+FFFD).
 */
const NOT_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const REFERENCE = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|apos|quot));|&/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Whether a code point is an XML 1.0 `Char`. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export class XmlScanner {
  readonly #handler: XmlScanHandler;
  /** The unread part of the input: what the last chunk left unfinished, then the new chunk. */
  #buffer = '';
  #position = 0;
  /** Line and column of `#buffer[0]`, for the messages (1-based line, 0-based column as saxes). */
  #line = 1;
  #column = 0;
  readonly #open: string[] = [];
  readonly #attributes: string[] = [];
  #rootSeen = false;
  #atStart = true;
  #closed = false;

  constructor(handler: XmlScanHandler) {
    this.#handler = handler;
  }

  /** Where the scanner is, as `line:column`, for messages. */
  get where(): string {
    const [line, column] = positionAfter(this.#buffer, this.#position, this.#line, this.#column);
    return `${line}:${column}`;
  }

  write(chunk: string): void {
    if (this.#closed) throw new Error('write after close');
    this.#advanceTo(this.#position);
    this.#buffer = this.#buffer.length === 0 ? chunk : this.#buffer + chunk;
    this.#scan(false);
  }

  /** The end of the input: anything unfinished is an error. */
  close(): void {
    if (this.#closed) throw new Error('close after close');
    this.#closed = true;
    this.#scan(true);
    if (this.#position < this.#buffer.length)
      this.#fail(`unfinished markup: ${JSON.stringify(this.#buffer.slice(this.#position, this.#position + 40))}`);
    const open = this.#open[this.#open.length - 1];
    if (open !== undefined) this.#fail(`unclosed tag: ${open}`);
    if (!this.#rootSeen) this.#fail('document must contain a root element');
  }

  /** Drops the consumed part of the buffer, keeping the line and column of what is left. */
  #advanceTo(position: number): void {
    if (position === 0) return;
    [this.#line, this.#column] = positionAfter(this.#buffer, position, this.#line, this.#column);
    this.#buffer = this.#buffer.slice(position);
    this.#position = 0;
  }

  #fail(message: string): never {
    throw new Error(`${this.where}: ${message}`);
  }

  #scan(final: boolean): void {
    const buffer = this.#buffer;
    let position = this.#position;
    if (this.#atStart && position === 0 && buffer.charCodeAt(0) === 0xfeff) position = 1;
    for (;;) {
      const lt = buffer.indexOf('<', position);
      const textEnd = lt < 0 ? buffer.length : lt;
      if (textEnd > position) {
        // Without a `<` after it, a text run may go on in the next chunk: what cannot yet be told
        // (a reference cut short, `\r` before `\n`, `]` before `]>`) waits for it.
        const end = lt < 0 && !final ? safeTextEnd(buffer, position) : textEnd;
        if (end > position) {
          this.#position = position;
          this.#text(buffer.slice(position, end));
          position = end;
          this.#atStart = false;
        }
        if (lt < 0) break;
      }
      if (lt < 0) break;
      this.#position = position;
      const next = this.#markup(buffer, lt, final);
      if (next < 0) {
        // An unfinished tag is read again from its `<` with each chunk: a bound on its length keeps
        // that linear (a server sending megabytes of one tag would otherwise cost quadratic time).
        if (buffer.length - lt > MAX_MARKUP) this.#malformed(lt, `markup longer than ${MAX_MARKUP} characters (no ATWS message has any)`);
        break;
      }
      position = next;
      this.#atStart = false;
    }
    this.#position = position;
  }

  #text(raw: string): void {
    if (this.#open.length === 0) {
      if (!WHITE_SPACE.test(raw)) this.#fail('text data outside of root node.');
      return;
    }
    if (!TEXT_NEEDS_WORK.test(raw) && !raw.includes(']]>')) {
      this.#handler.text(raw);
      return;
    }
    if (NOT_CHAR.test(raw)) this.#fail('disallowed character.');
    if (raw.includes(']]>')) this.#fail('the string "]]>" is disallowed in char data.');
    // Line ends are normalised before references are read: `&#xD;` stays a carriage return.
    const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    this.#handler.text(text.includes('&') ? this.#references(text) : text);
  }

  #references(raw: string): string {
    return raw.replace(REFERENCE, (match, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return PREDEFINED[name] as string;
      if (decimal === undefined && hex === undefined) this.#fail(`malformed or undefined entity reference: ${JSON.stringify(match)}`);
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
      if (!isXmlChar(code)) this.#fail(`malformed character entity: ${match}`);
      return String.fromCodePoint(code);
    });
  }

  /** Reads the markup at `lt`; the position after it, or -1 when it is not complete yet. */
  #markup(buffer: string, lt: number, final: boolean): number {
    const second = buffer.charCodeAt(lt + 1);
    if (Number.isNaN(second)) return this.#incomplete(final, 'unfinished markup');
    if (second === 0x2f /* / */) return this.#endTag(buffer, lt, final);
    if (second === 0x21 /* ! */) return this.#declaration(buffer, lt, final);
    if (second === 0x3f /* ? */) return this.#instruction(buffer, lt, final);
    return this.#startTag(buffer, lt, final);
  }

  /** Markup the input ends in the middle of: more may come, unless this is the end. */
  #incomplete(final: boolean, message?: string): number {
    if (final) this.#fail(message ?? `unclosed tag: ${this.#open[this.#open.length - 1] ?? '(the root)'}`);
    return -1;
  }

  #startTag(buffer: string, lt: number, final: boolean): number {
    const length = buffer.length;
    const nameAt = lt + 1;
    let at = nameEnd(buffer, nameAt);
    if (at < 0) return this.#incomplete(final);
    if (at === nameAt) return this.#malformed(lt, 'disallowed character in tag name.');
    const name = buffer.slice(nameAt, at);
    const attributes = this.#attributes;
    if (attributes.length !== 0) attributes.length = 0;
    for (;;) {
      const spaced = at;
      while (at < length && isSpace(buffer.charCodeAt(at))) at++;
      if (at === length) return this.#incomplete(final);
      const c = buffer.charCodeAt(at);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) {
        const selfClosing = c === 0x2f;
        if (selfClosing) {
          if (at + 1 === length) return this.#incomplete(final);
          if (buffer.charCodeAt(at + 1) !== 0x3e) return this.#malformed(lt, `malformed start tag ${name}.`);
          at++;
        }
        this.#position = lt;
        if (this.#open.length === 0) this.#root(name);
        this.#open.push(name);
        this.#handler.openTag(name, attributes, selfClosing);
        if (selfClosing) {
          this.#open.pop();
          this.#handler.closeTag(name);
        }
        return at + 1;
      }
      if (at === spaced) return this.#malformed(lt, `malformed start tag ${name}: whitespace required before an attribute.`);
      const attributeAt = at;
      at = nameEnd(buffer, attributeAt);
      if (at < 0) return this.#incomplete(final);
      if (at === attributeAt) return this.#malformed(lt, `malformed start tag ${name}.`);
      const attributeName = buffer.slice(attributeAt, at);
      while (at < length && isSpace(buffer.charCodeAt(at))) at++;
      if (at === length) return this.#incomplete(final);
      if (buffer.charCodeAt(at) !== 0x3d /* = */) return this.#malformed(lt, `malformed start tag ${name}: no value for ${attributeName}.`);
      at++;
      while (at < length && isSpace(buffer.charCodeAt(at))) at++;
      if (at === length) return this.#incomplete(final);
      const quote = buffer.charCodeAt(at);
      if (quote !== 0x22 && quote !== 0x27) return this.#malformed(lt, `malformed start tag ${name}: unquoted value of ${attributeName}.`);
      const valueEnd = buffer.indexOf(quote === 0x22 ? '"' : "'", at + 1);
      if (valueEnd < 0) return this.#incomplete(final);
      const raw = buffer.slice(at + 1, valueEnd);
      at = valueEnd + 1;
      for (let i = 0; i < attributes.length; i += 2) {
        if (attributes[i] === attributeName) return this.#malformed(lt, `duplicate attribute: ${attributeName}.`);
      }
      attributes.push(attributeName, VALUE_NEEDS_WORK.test(raw) ? this.#attributeValue(lt, raw) : raw);
    }
  }

  #root(name: string): void {
    if (this.#rootSeen) this.#fail(`a second root element: ${name}`);
    this.#rootSeen = true;
  }

  /** Literal white space becomes spaces (a `\r\n` one), then references are replaced (XML 1.0, 3.3.3). */
  #attributeValue(lt: number, raw: string): string {
    this.#position = lt;
    if (raw.includes('<')) this.#fail('disallowed character in attribute value.');
    if (NOT_CHAR.test(raw)) this.#fail('disallowed character.');
    const value = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, ' ') : raw;
    return value.includes('&') ? this.#references(value) : value;
  }

  #endTag(buffer: string, lt: number, final: boolean): number {
    const length = buffer.length;
    const open = this.#open[this.#open.length - 1];
    let at: number;
    // The usual case: the end tag of the open element, compared without a copy of its name.
    if (open !== undefined && buffer.startsWith(open, lt + 2) && lt + 2 + open.length < length) {
      at = lt + 2 + open.length;
      const next = buffer.charCodeAt(at);
      if (next === 0x3e || isSpace(next)) {
        while (at < length && isSpace(buffer.charCodeAt(at))) at++;
        if (at === length) return this.#incomplete(final);
        if (buffer.charCodeAt(at) !== 0x3e) return this.#malformed(lt, 'malformed end tag.');
        this.#position = lt;
        this.#open.pop();
        this.#handler.closeTag(open);
        return at + 1;
      }
    }
    at = nameEnd(buffer, lt + 2);
    if (at < 0) return this.#incomplete(final);
    if (at === lt + 2) return this.#malformed(lt, 'malformed end tag.');
    const name = buffer.slice(lt + 2, at);
    while (at < length && isSpace(buffer.charCodeAt(at))) at++;
    if (at === length) return this.#incomplete(final);
    if (buffer.charCodeAt(at) !== 0x3e) return this.#malformed(lt, 'malformed end tag.');
    this.#position = lt;
    if (open === undefined) this.#fail(`unmatched closing tag: ${name}.`);
    return this.#fail(`unexpected close tag: ${name}; expected ${open}.`);
  }

  #malformed(lt: number, message: string): never {
    this.#position = lt;
    return this.#fail(message);
  }

  /** Comments and CDATA sections; a DOCTYPE (or any other declaration) is refused. */
  #declaration(buffer: string, lt: number, final: boolean): number {
    if (buffer.startsWith('<!--', lt)) {
      const end = buffer.indexOf('-->', lt + 4);
      if (end < 0) return this.#incomplete(final, 'unclosed comment.');
      const body = buffer.slice(lt + 4, end);
      this.#position = lt;
      if (body.includes('--') || body.endsWith('-')) this.#fail('double dash in comment.');
      if (NOT_CHAR.test(body)) this.#fail('disallowed character.');
      return end + 3;
    }
    if (buffer.startsWith('<![CDATA[', lt)) {
      const end = buffer.indexOf(']]>', lt + 9);
      if (end < 0) return this.#incomplete(final, 'unclosed CDATA section.');
      this.#position = lt;
      if (this.#open.length === 0) this.#fail('CDATA outside of root node.');
      const body = buffer.slice(lt + 9, end);
      if (NOT_CHAR.test(body)) this.#fail('disallowed character.');
      this.#handler.text(body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body);
      return end + 3;
    }
    if (buffer.length - lt < 9 && ('<![CDATA['.startsWith(buffer.slice(lt)) || '<!--'.startsWith(buffer.slice(lt)))) {
      return this.#incomplete(final, 'unfinished markup');
    }
    this.#position = lt;
    return this.#fail('a DOCTYPE or other declaration is not accepted (no ATWS message has one).');
  }

  /** Processing instructions; `<?xml ...?>` only as the document's first thing. */
  #instruction(buffer: string, lt: number, final: boolean): number {
    const end = buffer.indexOf('?>', lt + 2);
    if (end < 0) return this.#incomplete(final, 'unclosed processing instruction.');
    PI_TARGET.lastIndex = lt;
    const target = PI_TARGET.exec(buffer);
    this.#position = lt;
    if (target === null || PI_TARGET.lastIndex > end + 2) this.#fail('malformed processing instruction.');
    const name = target[1] as string;
    if (name.toLowerCase() === 'xml') {
      const atStart = this.#atStart && (lt === 0 || (lt === 1 && buffer.charCodeAt(0) === 0xfeff));
      if (name !== 'xml' || !atStart) this.#fail('XML declaration allowed only at the start of the document.');
      if (!XML_DECLARATION.test(buffer.slice(lt, end + 2))) this.#fail('malformed XML declaration.');
    }
    if (NOT_CHAR.test(buffer.slice(lt, end))) this.#fail('disallowed character.');
    return end + 2;
  }
}

/** The line and column after `text` up to `end`, from those of its start. */
function positionAfter(text: string, end: number, line: number, column: number): [number, number] {
  const lastBreak = end === 0 ? -1 : text.lastIndexOf('\n', end - 1);
  if (lastBreak < 0) return [line, column + end];
  let lines = line;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return [lines, end - lastBreak - 1];
}

/**
 * How much of a text run that no `<` ends yet can be read now: all of it but a reference not yet
 * ended by `;`, a last `\r` (a `\n` may follow), and last `]`s (a `>` may make them `]]>`).
 */
function safeTextEnd(buffer: string, from: number): number {
  let end = buffer.length;
  // A reference is at most 10 characters (`&#x10FFFF;`); a longer `&...` without `;` is an error
  // the text check reports, so at most that much waits (more would wait, and be copied, again and again).
  const amp = buffer.lastIndexOf('&', end - 1);
  if (amp >= from && end - amp <= 10 && buffer.indexOf(';', amp) < 0) end = amp;
  if (end > from && buffer.charCodeAt(end - 1) === 0x0d) end--;
  for (let kept = 0; kept < 2 && end > from && buffer.charCodeAt(end - 1) === 0x5d /* ] */; kept++) end--;
  return end;
}
