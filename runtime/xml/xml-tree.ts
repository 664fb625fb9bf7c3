/**
 * A small namespace-aware XML tree for documents that are small or need random access (queryxml,
 * getZoneInfo and other non-entity answers, test assertions). The hot path, entity-bearing ATWS
 * responses, uses the streaming `AtwsResponseDecoder` instead.
 */
import { SaxesParser } from 'saxes';
import { XmlSyntaxError } from './xml-syntax-error.js';
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

// The local part of each element's xsi:type, resolved through its real namespace at parse time
// (the attribute may use any prefix), or null when it has none; kept aside so that XmlElement
// stays a plain shape.
const resolvedXsiTypes = new WeakMap<XmlElement, string | null>();

const localPart = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * Parses a whole XML document into a tree. Throws `XmlSyntaxError` when it is not well-formed.
 *
 * @example parseXml('<a xmlns="urn:x"><b>1</b></a>').children[0]?.text // "1"
 */
export function parseXml(text: string): XmlElement {
  if (typeof text !== 'string') throw new XmlSyntaxError(`Expected XML text, got ${typeof text}`);
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    let xsiType: string | undefined;
    for (const [qname, attr] of Object.entries(tag.attributes)) {
      attributes[qname] = attr.value;
      if (attr.uri === XSI_NS && attr.local === 'type') xsiType = localPart(attr.value);
    }
    const el: XmlElement = { name: tag.local, prefix: tag.prefix, uri: tag.uri, attributes, children: [], text: '' };
    resolvedXsiTypes.set(el, xsiType ?? null);
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = el;
    else parent.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string): void => {
    const current = stack[stack.length - 1];
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
 * prefix the document bound to the XSI namespace; undefined when absent.
 *
 * @example xsiType(entityElement) // "Ticket"
 */
export function xsiType(el: XmlElement): string | undefined {
  const resolved = resolvedXsiTypes.get(el);
  if (resolved !== undefined) return resolved ?? undefined;
  // A tree built by hand rather than parsed: go by the conventional prefix.
  const written = el.attributes['xsi:type'];
  return written === undefined ? undefined : localPart(written);
}
