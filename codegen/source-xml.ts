/**
 * A namespace-aware XML tree of a source document (a WSDL), with line numbers so that an
 * unsupported construct can be reported as `file:line`. Whitespace-only text is dropped.
 */
import { SaxesParser } from 'saxes';
import { CodegenError } from './codegen-error.js';

export interface SourceElement {
  /** Local name. */
  readonly local: string;
  readonly uri: string;
  /** Unqualified attributes by local name (the WSDL/XSD constructs use only those). */
  readonly attributes: Readonly<Record<string, string>>;
  /** `xmlns:prefix` declarations on this element, in document order. */
  readonly namespaces: readonly { readonly prefix: string; readonly uri: string }[];
  readonly children: SourceElement[];
  text: string;
  readonly line: number;
}

/** Parses XML text; malformed XML throws a CodegenError naming the file, line and problem. */
export function parseSourceXml(text: string, file: string): SourceElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: SourceElement[] = [];
  let root: SourceElement | undefined;
  parser.on('opentag', (node) => {
    const attributes: Record<string, string> = {};
    const namespaces: { prefix: string; uri: string }[] = [];
    for (const attr of Object.values(node.attributes)) {
      if (attr.prefix === 'xmlns') namespaces.push({ prefix: attr.local, uri: attr.value });
      else if (attr.prefix === '' && attr.local !== 'xmlns') attributes[attr.local] = attr.value;
    }
    const element: SourceElement = {
      local: node.local,
      uri: node.uri,
      attributes,
      namespaces,
      children: [],
      text: '',
      line: parser.line,
    };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top !== undefined && t.trim() !== '') top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new CodegenError(file, `malformed XML: ${message}`, { cause });
  }
  if (root === undefined) throw new CodegenError(file, 'malformed XML: no root element');
  return root;
}
