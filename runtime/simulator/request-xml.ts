/**
 * The simulator's parser of SOAP requests: the same namespace-aware `XmlElement` tree as the
 * core's `parseXml` (a test checks they agree), built for a server's hot path. An update of 200 tickets is ~5,000 elements;
 * `parseXml` records each element's resolved `xsi:type` in a WeakMap, which costs more than the
 * parse itself. Here only elements whose type attribute breaks the `xsi` prefix convention are
 * recorded (rare: the tree's `xsi:type` attribute already answers for the rest), and
 * {@link requestXsiType} reads either.
 */
import { SaxesParser } from 'saxes';
import { xsiType, XmlSyntaxError, type XmlElement } from '../xml/xml-tree.js';
import { XSI_NS } from '../xml/soap-envelope.js';

/**
 * The xsi:type of elements the tree's `xsi:type` attribute would misreport: the local part when
 * written under another prefix than `xsi`, null when `xsi` was bound to some other namespace.
 */
const unconventionalTypes = new WeakMap<XmlElement, string | null>();

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefix -> namespace URI in force; '' is the default namespace. */
type Scope = { readonly [prefix: string]: string };
const ROOT_SCOPE: Scope = { xml: XML_NS, xmlns: XMLNS_NS, '': '' };

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon);
}

/**
 * Parses a request body into a tree. Throws `XmlSyntaxError` when it is not well-formed, or uses
 * a namespace prefix it never declared.
 *
 * saxes runs without its namespace mode, which costs about as much as the rest of the parse:
 * namespaces are resolved here, with a new scope made only by the few elements that declare any.
 *
 * @example parseRequestXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // "1"
 */
export function parseRequestXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  const scopes: Scope[] = [];
  let scope = ROOT_SCOPE;
  let current: XmlElement | undefined;
  let root: XmlElement | undefined;
  const unbound = (prefix: string): never => {
    throw new XmlSyntaxError(`Malformed XML: unbound namespace prefix: "${prefix}".`);
  };
  parser.on('opentag', (tag) => {
    const written = tag.attributes as Record<string, string>;
    // One pass copies the attributes (saxes hands a null-prototype object) and finds
    // declarations; prefixed attributes are noted for the second, once the scope is known.
    const attributes: Record<string, string> = {};
    let declared: Record<string, string> | undefined;
    let prefixed: string[] | undefined;
    for (const qname in written) {
      const value = written[qname] as string;
      attributes[qname] = value;
      if (qname === 'xmlns') (declared ??= { ...scope })[''] = value;
      else if (qname.startsWith('xmlns:')) {
        if (value === '') throw new XmlSyntaxError(`Malformed XML: invalid attempt to empty the namespace prefix "${qname.slice(6)}".`);
        (declared ??= { ...scope })[qname.slice(6)] = value;
      } else if (qname.includes(':')) (prefixed ??= []).push(qname);
    }
    scopes.push(scope);
    if (declared !== undefined) scope = declared;
    const qname = tag.name;
    const prefix = prefixOf(qname);
    const uri = scope[prefix] ?? unbound(prefix);
    const el: XmlElement = { name: prefix === '' ? qname : qname.slice(prefix.length + 1), prefix, uri, attributes, children: [], text: '' };
    if (prefixed !== undefined) {
      let type: string | undefined;
      let conventional = true;
      for (const name of prefixed) {
        const attrPrefix = prefixOf(name);
        const attrUri = scope[attrPrefix] ?? unbound(attrPrefix);
        if (name.length !== attrPrefix.length + 5 || !name.endsWith(':type')) continue;
        const isXsi = attrUri === XSI_NS;
        const value = attributes[name] as string;
        if (isXsi) type = value.slice(value.indexOf(':') + 1);
        if (isXsi !== (attrPrefix === 'xsi')) conventional = false;
      }
      if (!conventional) unconventionalTypes.set(el, type ?? null);
    }
    if (current === undefined) root = el;
    else {
      current.children.push(el);
      stack.push(current);
    }
    current = el;
  });
  parser.on('closetag', () => {
    current = stack.pop();
    scope = scopes.pop() ?? ROOT_SCOPE;
  });
  const onText = (t: string): void => {
    if (current !== undefined) current.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    throw new XmlSyntaxError(`Malformed XML: ${(error as Error).message}`, { cause: error });
  }
  if (root === undefined) throw new XmlSyntaxError('Malformed XML: no root element');
  return root;
}

/**
 * The local part of an element's `xsi:type`, whatever prefix the request bound to the XSI
 * namespace; undefined when absent. An `xsi:`-prefixed attribute is taken as XSI's, as SOAP
 * stacks write it.
 *
 * @example requestXsiType(entityElement) // "Ticket"
 */
export function requestXsiType(el: XmlElement): string | undefined {
  const recorded = unconventionalTypes.get(el);
  if (recorded !== undefined) return recorded ?? undefined;
  return xsiType(el);
}
