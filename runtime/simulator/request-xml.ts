/**
 * The simulator's parser of SOAP requests: the same namespace-aware `XmlElement` tree as the
 * core's `parseXml`, built for a server's hot path. An update of 200 tickets is ~5,000 elements;
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

/**
 * Parses a request body into a tree. Throws `XmlSyntaxError` when it is not well-formed.
 *
 * @example parseRequestXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // "1"
 */
export function parseRequestXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let current: XmlElement | undefined;
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    const written = tag.attributes;
    let type: string | undefined;
    let conventional = true;
    for (const qname in written) {
      const attr = written[qname];
      if (attr === undefined) continue;
      attributes[qname] = attr.value;
      if (attr.local !== 'type') continue;
      const isXsi = attr.uri === XSI_NS;
      if (isXsi) type = attr.value.slice(attr.value.indexOf(':') + 1);
      if (isXsi !== (attr.prefix === 'xsi')) conventional = false;
    }
    const el: XmlElement = { name: tag.local, prefix: tag.prefix, uri: tag.uri, attributes, children: [], text: '' };
    if (!conventional) unconventionalTypes.set(el, type ?? null);
    if (current === undefined) root = el;
    else {
      current.children.push(el);
      stack.push(current);
    }
    current = el;
  });
  parser.on('closetag', () => {
    current = stack.pop();
  });
  const onText = (t: string): void => {
    if (current !== undefined) current.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (error) {
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
