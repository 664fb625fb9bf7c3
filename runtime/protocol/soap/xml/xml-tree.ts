/**
 * A small namespace-aware XML tree for documents that need random access: SOAP requests (the
 * simulator's hot path: an update of 200 tickets is ~5,000 elements), queryxml, getZoneInfo and
 * other non-entity answers, test assertions. Entity-bearing ATWS responses, the client's hot
 * path, use the streaming `AtwsResponseDecoder` instead.
 */
import { MAX_XML_DEPTH, XmlSyntaxError } from './xml-syntax-error.js';
import { XmlScanner } from './xml-scanner.js';
import { XSI_NS } from './soap-envelope.js';

export { XmlSyntaxError } from './xml-syntax-error.js';

/** One element. `text` is the element's own character data (text and CDATA, not its children's). */
export interface XmlElement {
  /** Local name. */
  name: string;
  /** Prefix as written ('' when none). */
  prefix: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attribute values keyed by qualified name as written (`xsi:type`), namespace declarations included. */
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

// The xsi:type of only those parsed elements whose `xsi:type` attribute would misreport it: the
// local part when written under another prefix than `xsi`, null when `xsi` was bound to some
// other namespace. Recording every element's type here cost more than the parse itself; the
// attribute answers for the rest. Kept aside so that XmlElement stays a plain shape.
const unconventionalTypes = new WeakMap<XmlElement, string | null>();

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefix -> namespace URI in force; '' is the default namespace. */
type Scope = { readonly [prefix: string]: string };
const ROOT_SCOPE: Scope = { xml: XML_NS, xmlns: XMLNS_NS, '': '' };

const localPart = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon);
}

/** A name with a colon has one, between a non-empty prefix and a non-empty local part. */
function wellFormedQName(qname: string): boolean {
  const colon = qname.indexOf(':');
  return colon < 0 || (colon > 0 && colon < qname.length - 1 && !qname.includes(':', colon + 1));
}

/** Why declaring `xmlns:<prefix>="<uri>"` is not allowed, if it is not (the Namespaces in XML rules). */
function declarationProblem(prefix: string, uri: string): string | undefined {
  if (uri === '') return `invalid attempt to empty the namespace prefix "${prefix}".`;
  if (prefix === 'xml') return uri === XML_NS ? undefined : `xml prefix must be bound to ${XML_NS}.`;
  if (prefix === 'xmlns') return `xmlns prefix must be bound to ${XMLNS_NS}.`;
  if (uri === XML_NS) return 'may not assign the xml namespace to another prefix.';
  if (uri === XMLNS_NS) return `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NS}.`;
  return undefined;
}

/**
 * Parses a whole XML document into a tree. Throws `XmlSyntaxError` when it is not well-formed,
 * holds a DOCTYPE (xml-scanner.ts: no SOAP message has one, and a DTD is how entity-expansion
 * attacks come), uses a namespace prefix it never declared, or nests deeper than `MAX_XML_DEPTH`
 * (checked as it opens each element, so a deep document fails at once instead of filling the heap).
 *
 * The scanner reports names as written: namespaces are resolved here, with a new scope made only
 * by the few elements that declare any.
 *
 * @example parseXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // "1"
 */
export function parseXml(text: string): XmlElement {
  if (typeof text !== 'string') throw new XmlSyntaxError(`Expected XML text, got ${typeof text}`);
  const stack: XmlElement[] = [];
  const scopes: Scope[] = [];
  let scope = ROOT_SCOPE;
  let current: XmlElement | undefined;
  let root: XmlElement | undefined;
  const fail = (message: string): never => {
    throw new XmlSyntaxError(`Malformed XML: ${scanner.where}: ${message}`);
  };
  const uriOf = (qname: string, prefix: string): string => {
    if (!wellFormedQName(qname)) fail(`malformed name: ${qname}.`);
    return scope[prefix] ?? fail(`unbound namespace prefix: "${prefix}".`);
  };
  let lastAttr: string | undefined;
  let lastScope: Scope | undefined;
  let lastPrefix = '';
  let lastUri = '';
  const openTag = (qname: string, written: readonly string[]): void => {
    if (scopes.length >= MAX_XML_DEPTH) fail(`nested deeper than ${MAX_XML_DEPTH} elements.`);
    // One pass copies the attributes (the scanner reuses its list) and finds declarations;
    // prefixed attributes are noted for the second, once the scope is known.
    const attributes: Record<string, string> = {};
    let declared: Record<string, string> | undefined;
    // The first prefixed attribute, and a list only when there are more: nearly every element of
    // an entity carries exactly one (`xsi:type`), and an array each was a good part of the garbage.
    let first: string | undefined;
    let prefixed: string[] | undefined;
    for (let i = 0; i < written.length; i += 2) {
      const name = written[i] as string;
      const value = written[i + 1] as string;
      attributes[name] = value;
      if (name === 'xmlns') {
        if (value === XMLNS_NS || value === XML_NS) fail(`the default namespace may not be set to ${value}.`);
        (declared ??= { ...scope })[''] = value;
      } else if (name.startsWith('xmlns:')) {
        const bound = name.slice(6);
        const problem = declarationProblem(bound, value);
        if (problem !== undefined) fail(problem);
        (declared ??= { ...scope })[bound] = value;
      } else if (name.includes(':')) {
        if (first === undefined) first = name;
        else (prefixed ??= [first]).push(name);
      }
    }
    scopes.push(scope);
    if (declared !== undefined) scope = declared;
    const prefix = prefixOf(qname);
    if (prefix === 'xmlns') fail('tags may not have "xmlns" as prefix.');
    const uri = qname.includes(':') ? uriOf(qname, prefix) : (scope[''] as string);
    const el: XmlElement = { name: prefix === '' ? qname : qname.slice(prefix.length + 1), prefix, uri, attributes, children: [], text: '' };
    if (first !== undefined) {
      // The xsi-namespace `type` attribute's name; its value's local part is taken only when kept.
      let type: string | undefined;
      let conventional = true;
      const expandedNames = prefixed === undefined ? undefined : new Set<string>();
      const count = prefixed === undefined ? 1 : prefixed.length;
      for (let i = 0; i < count; i++) {
        const name = prefixed === undefined ? first : (prefixed[i] as string);
        // Element after element names the same attribute under the same scope: its prefix and
        // namespace are worked out (and checked) once for the pair.
        if (name !== lastAttr || scope !== lastScope) {
          lastPrefix = prefixOf(name);
          lastUri = uriOf(name, lastPrefix);
          lastAttr = name;
          lastScope = scope;
        }
        const attrPrefix = lastPrefix;
        const attrUri = lastUri;
        if (expandedNames !== undefined) {
          const expanded = `{${attrUri}}${name.slice(attrPrefix.length + 1)}`;
          if (expandedNames.has(expanded)) fail(`duplicate attribute: ${expanded}.`);
          expandedNames.add(expanded);
        }
        if (name.length !== attrPrefix.length + 5 || !name.endsWith(':type')) continue;
        const isXsi = attrUri === XSI_NS;
        if (isXsi) type = name;
        if (isXsi !== (attrPrefix === 'xsi')) conventional = false;
      }
      if (!conventional) unconventionalTypes.set(el, type === undefined ? null : localPart(attributes[type] as string));
    }
    if (current === undefined) root = el;
    else {
      current.children.push(el);
      stack.push(current);
    }
    current = el;
  };
  const scanner = new XmlScanner({
    openTag,
    closeTag: () => {
      current = stack.pop();
      scope = scopes.pop() ?? ROOT_SCOPE;
    },
    text: (t) => {
      if (current !== undefined) current.text += t;
    },
  });
  try {
    scanner.write(text);
    scanner.close();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    throw new XmlSyntaxError(`Malformed XML: ${(error as Error).message}`, { cause: error });
  }
  if (root === undefined) throw new XmlSyntaxError('Malformed XML: no root element');
  return root;
}

/**
 * The first child element with a local name, if any.
 *
 * @example childElement(envelope, 'Body')
 */
export function childElement(el: XmlElement, localName: string): XmlElement | undefined {
  return el.children.find((c) => c.name === localName);
}

/**
 * Every child element with a local name, in document order.
 *
 * @example childElements(results, 'Entity').length
 */
export function childElements(el: XmlElement, localName: string): XmlElement[] {
  return el.children.filter((c) => c.name === localName);
}

/**
 * The text of the first child element with a local name; undefined when there is no such child.
 *
 * @example childText(zoneInfo, 'URL')
 */
export function childText(el: XmlElement, localName: string): string | undefined {
  return childElement(el, localName)?.text;
}

/**
 * The local part of an element's `xsi:type` (`"xsd:int"` -> `"int"`, `"Ticket"` -> `"Ticket"`), whatever
 * prefix the document bound to the XSI namespace; undefined when absent. On a tree built by hand,
 * an `xsi:`-prefixed attribute is taken as XSI's, as SOAP stacks write it.
 *
 * @example xsiType(entityElement) // "Ticket"
 */
export function xsiType(el: XmlElement): string | undefined {
  const recorded = unconventionalTypes.get(el);
  if (recorded !== undefined) return recorded ?? undefined;
  const written = el.attributes['xsi:type'];
  return written === undefined ? undefined : localPart(written);
}
