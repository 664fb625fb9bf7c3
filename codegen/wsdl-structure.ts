/**
 * Turns a parsed WSDL into the structured `WsdlDocument` the snapshot stores. It accepts exactly
 * the constructs `runtime/protocol/soap/wsdl/wsdl-writer.ts` can write back, and stops on anything else
 * (an unknown element or attribute, a second binding, ...), so that reading then writing loses
 * nothing silently.
 */
import type {
  BindingOperation,
  ComplexTypeBody,
  PortTypeOperation,
  SchemaItem,
  SchemaSequenceElement,
  SoapHeaderRef,
  WsdlDocument,
  WsdlMessage,
} from 'atws/protocol/soap';
import { CodegenError } from './codegen-error.js';
import type { SourceElement } from './source-xml.js';

export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

class Reader {
  constructor(readonly file: string) {}

  fail(el: SourceElement, problem: string): never {
    throw new CodegenError(`${this.file}:${el.line}`, problem);
  }

  /** Checks the element's attributes are among `allowed` and returns them. */
  attrs(el: SourceElement, allowed: readonly string[]): Readonly<Record<string, string>> {
    for (const name of Object.keys(el.attributes)) {
      if (!allowed.includes(name)) this.fail(el, `unsupported attribute ${name}="${el.attributes[name]}" on <${el.local}>`);
    }
    return el.attributes;
  }

  required(el: SourceElement, name: string): string {
    const value = el.attributes[name];
    if (value === undefined) this.fail(el, `<${el.local}> lacks the attribute ${name}`);
    return value;
  }

  /** The children, each checked to be one of `allowed` (local names in namespace `uri`). */
  children(el: SourceElement, uri: string, allowed: readonly string[]): SourceElement[] {
    for (const child of el.children) {
      if (child.uri !== uri || !allowed.includes(child.local)) {
        this.fail(child, `unsupported construct <${child.local}> (namespace ${child.uri || 'none'}) inside <${el.local}>`);
      }
    }
    return el.children;
  }

  one(el: SourceElement, children: SourceElement[], local: string): SourceElement {
    const found = children.filter((c) => c.local === local);
    if (found.length !== 1) this.fail(el, `<${el.local}> must hold exactly one <${local}>, found ${found.length}`);
    return found[0] as SourceElement;
  }

  optionalOne(el: SourceElement, children: SourceElement[], local: string): SourceElement | undefined {
    const found = children.filter((c) => c.local === local);
    if (found.length > 1) this.fail(el, `<${el.local}> holds ${found.length} <${local}>; at most one is supported`);
    return found[0];
  }
}

/** Reads a parsed WSDL into its structured form. `file` names the source in errors. */
export function readWsdlStructure(root: SourceElement, file: string): WsdlDocument {
  const r: Reader = new Reader(file);
  if (root.uri !== WSDL_NS || root.local !== 'definitions') {
    r.fail(root, `not a WSDL 1.1 document: the root is <${root.local}> in namespace ${root.uri || 'none'}`);
  }
  r.attrs(root, ['targetNamespace']);
  const targetNamespace = r.required(root, 'targetNamespace');
  const children = r.children(root, WSDL_NS, ['types', 'message', 'portType', 'binding', 'service', 'documentation']);
  const types = r.one(root, children, 'types');
  const schemaEl = r.one(types, r.children(types, XSD_NS, ['schema']), 'schema');
  const schemaAttrs = r.attrs(schemaEl, ['elementFormDefault', 'targetNamespace']);
  const schemaTarget = r.required(schemaEl, 'targetNamespace');
  const items = r.children(schemaEl, XSD_NS, ['element', 'complexType', 'simpleType']).map((item) => readSchemaItem(r, item));

  const messages: WsdlMessage[] = children
    .filter((c) => c.local === 'message')
    .map((m) => {
      r.attrs(m, ['name']);
      return {
        name: r.required(m, 'name'),
        parts: r.children(m, WSDL_NS, ['part']).map((p) => {
          r.attrs(p, ['name', 'element']);
          return { name: r.required(p, 'name'), element: r.required(p, 'element') };
        }),
      };
    });

  const portTypeEl = r.one(root, children, 'portType');
  r.attrs(portTypeEl, ['name']);
  const portType = {
    name: r.required(portTypeEl, 'name'),
    operations: r.children(portTypeEl, WSDL_NS, ['operation']).map((op) => readPortTypeOperation(r, op)),
  };

  const bindingEl = r.one(root, children, 'binding');
  r.attrs(bindingEl, ['name', 'type']);
  const bindingChildren = bindingEl.children;
  const soapBindings = bindingChildren.filter((c) => c.uri === SOAP_NS && c.local === 'binding');
  const soapBinding = soapBindings[0];
  if (soapBindings.length !== 1 || soapBinding === undefined) {
    r.fail(bindingEl, `<binding> must hold exactly one <soap:binding>, found ${soapBindings.length}`);
  }
  r.attrs(soapBinding, ['transport', 'style']);
  for (const c of bindingChildren) {
    if (!(c.uri === SOAP_NS && c.local === 'binding') && !(c.uri === WSDL_NS && c.local === 'operation')) {
      r.fail(c, `unsupported construct <${c.local}> (namespace ${c.uri || 'none'}) inside <binding>`);
    }
  }
  const binding = {
    name: r.required(bindingEl, 'name'),
    type: r.required(bindingEl, 'type'),
    transport: r.required(soapBinding, 'transport'),
    style: soapBinding.attributes['style'] ?? 'document',
    operations: bindingChildren.filter((c) => c.uri === WSDL_NS && c.local === 'operation').map((op) => readBindingOperation(r, op)),
  };

  const serviceEl = r.one(root, children, 'service');
  r.attrs(serviceEl, ['name']);
  const serviceChildren = r.children(serviceEl, WSDL_NS, ['documentation', 'port']);
  const portEl = r.one(serviceEl, serviceChildren, 'port');
  r.attrs(portEl, ['name', 'binding']);
  const address = r.one(portEl, r.children(portEl, SOAP_NS, ['address']), 'address');
  r.attrs(address, ['location']);
  const serviceDoc = r.optionalOne(serviceEl, serviceChildren, 'documentation');

  const doc: WsdlDocument = {
    targetNamespace,
    namespaces: root.namespaces.map((ns) => ({ prefix: ns.prefix, uri: ns.uri })),
    schema: {
      targetNamespace: schemaTarget,
      ...(schemaAttrs['elementFormDefault'] === undefined ? {} : { elementFormDefault: schemaAttrs['elementFormDefault'] }),
      items,
    },
    messages,
    portType,
    binding,
    service: {
      name: r.required(serviceEl, 'name'),
      ...(serviceDoc === undefined ? {} : { documentation: serviceDoc.text.trim() }),
      port: { name: r.required(portEl, 'name'), binding: r.required(portEl, 'binding') },
    },
  };
  checkReferences(doc, file);
  return doc;
}

function readSchemaItem(r: Reader, el: SourceElement): SchemaItem {
  switch (el.local) {
    case 'element': {
      r.attrs(el, ['name', 'type']);
      const body = r.optionalOne(el, r.children(el, XSD_NS, ['complexType']), 'complexType');
      return {
        kind: 'element',
        name: r.required(el, 'name'),
        ...(el.attributes['type'] === undefined ? {} : { type: el.attributes['type'] }),
        ...(body === undefined ? {} : { complexType: readComplexType(r, body, false) }),
      };
    }
    case 'complexType':
      return { kind: 'complexType', name: r.required(el, 'name'), ...readComplexType(r, el, true) };
    default: {
      r.attrs(el, ['name']);
      const restriction = r.one(el, r.children(el, XSD_NS, ['restriction']), 'restriction');
      r.attrs(restriction, ['base']);
      return {
        kind: 'simpleType',
        name: r.required(el, 'name'),
        base: r.required(restriction, 'base'),
        enumeration: r.children(restriction, XSD_NS, ['enumeration']).map((e) => {
          r.attrs(e, ['value']);
          return r.required(e, 'value');
        }),
      };
    }
  }
}

function readComplexType(r: Reader, el: SourceElement, named: boolean): ComplexTypeBody {
  r.attrs(el, named ? ['name', 'abstract'] : []);
  const children = r.children(el, XSD_NS, ['sequence', 'complexContent', 'anyAttribute']);
  const abstract = el.attributes['abstract'];
  const anyAttribute = r.optionalOne(el, children, 'anyAttribute');
  if (anyAttribute !== undefined) {
    r.attrs(anyAttribute, []);
    r.children(anyAttribute, XSD_NS, []);
  }
  const content = r.optionalOne(el, children, 'complexContent');
  let base: string | undefined;
  let mixed: string | undefined;
  let sequenceHolder = el;
  let sequenceCandidates = children;
  if (content !== undefined) {
    if (children.some((c) => c.local === 'sequence')) r.fail(el, '<complexType> holds both <complexContent> and <sequence>');
    mixed = r.attrs(content, ['mixed'])['mixed'];
    const extension = r.one(content, r.children(content, XSD_NS, ['extension']), 'extension');
    r.attrs(extension, ['base']);
    base = r.required(extension, 'base');
    sequenceHolder = extension;
    sequenceCandidates = r.children(extension, XSD_NS, ['sequence']);
  }
  const sequence = r.optionalOne(sequenceHolder, sequenceCandidates, 'sequence');
  if (sequence !== undefined) r.attrs(sequence, []);
  const elements: SchemaSequenceElement[] = (sequence === undefined ? [] : r.children(sequence, XSD_NS, ['element'])).map((e) => {
    const a = r.attrs(e, ['name', 'type', 'minOccurs', 'maxOccurs', 'nillable']);
    r.children(e, XSD_NS, []);
    return {
      name: r.required(e, 'name'),
      ...(a['type'] === undefined ? {} : { type: a['type'] }),
      ...(a['minOccurs'] === undefined ? {} : { minOccurs: a['minOccurs'] }),
      ...(a['maxOccurs'] === undefined ? {} : { maxOccurs: a['maxOccurs'] }),
      ...(a['nillable'] === undefined ? {} : { nillable: a['nillable'] }),
    };
  });
  return {
    ...(abstract === undefined ? {} : { abstract }),
    ...(mixed === undefined ? {} : { mixed }),
    ...(base === undefined ? {} : { base }),
    hasSequence: sequence !== undefined,
    sequence: elements,
    anyAttribute: anyAttribute !== undefined,
  };
}

function readPortTypeOperation(r: Reader, op: SourceElement): PortTypeOperation {
  r.attrs(op, ['name']);
  const children = r.children(op, WSDL_NS, ['documentation', 'input', 'output']);
  const doc = r.optionalOne(op, children, 'documentation');
  const io = (local: 'input' | 'output') => {
    const el = r.one(op, children, local);
    r.attrs(el, ['name', 'message']);
    return {
      ...(el.attributes['name'] === undefined ? {} : { name: el.attributes['name'] }),
      message: r.required(el, 'message'),
    };
  };
  return {
    name: r.required(op, 'name'),
    ...(doc === undefined ? {} : { documentation: doc.text.trim() }),
    input: io('input'),
    output: io('output'),
  };
}

function readBindingOperation(r: Reader, op: SourceElement): BindingOperation {
  r.attrs(op, ['name']);
  let soapOperation: SourceElement | undefined;
  const io: Partial<Record<'input' | 'output', BindingOperation['input']>> = {};
  for (const child of op.children) {
    if (child.uri === SOAP_NS && child.local === 'operation' && soapOperation === undefined) {
      r.attrs(child, ['soapAction', 'style']);
      soapOperation = child;
    } else if (child.uri === WSDL_NS && (child.local === 'input' || child.local === 'output') && io[child.local] === undefined) {
      r.attrs(child, ['name']);
      const parts = r.children(child, SOAP_NS, ['body', 'header']);
      const body = r.one(child, parts, 'body');
      r.attrs(body, ['use']);
      const headers: SoapHeaderRef[] = parts
        .filter((p) => p.local === 'header')
        .map((h) => {
          r.attrs(h, ['message', 'part', 'use']);
          return { message: r.required(h, 'message'), part: r.required(h, 'part'), use: r.required(h, 'use') };
        });
      io[child.local] = {
        ...(child.attributes['name'] === undefined ? {} : { name: child.attributes['name'] }),
        bodyUse: r.required(body, 'use'),
        headers,
      };
    } else {
      r.fail(child, `unsupported or repeated construct <${child.local}> inside binding operation "${op.attributes['name'] ?? ''}"`);
    }
  }
  if (soapOperation === undefined || io.input === undefined || io.output === undefined) {
    r.fail(op, `binding operation "${op.attributes['name'] ?? ''}" needs <soap:operation>, <input> and <output>`);
  }
  return {
    name: r.required(op, 'name'),
    soapAction: r.required(soapOperation, 'soapAction'),
    style: soapOperation.attributes['style'] ?? 'document',
    input: io.input,
    output: io.output,
  };
}

/** Every message, element and type a WSDL part refers to must exist: a dangling name is an error. */
function checkReferences(doc: WsdlDocument, file: string): void {
  const local = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
  const messages = new Set(doc.messages.map((m) => m.name));
  const elements = new Set(doc.schema.items.filter((i) => i.kind === 'element').map((i) => i.name));
  for (const m of doc.messages) {
    for (const p of m.parts) {
      if (!elements.has(local(p.element))) {
        throw new CodegenError(file, `message "${m.name}" part "${p.name}" names element ${p.element}, which the schema does not declare`);
      }
    }
  }
  for (const op of doc.portType.operations) {
    for (const ref of [op.input.message, op.output.message]) {
      if (!messages.has(local(ref))) throw new CodegenError(file, `portType operation "${op.name}" names message ${ref}, which is not declared`);
    }
  }
  const portOps = new Set(doc.portType.operations.map((o) => o.name));
  for (const op of doc.binding.operations) {
    if (!portOps.has(op.name)) throw new CodegenError(file, `binding operation "${op.name}" is not in portType ${doc.portType.name}`);
    for (const h of [...op.input.headers, ...op.output.headers]) {
      if (!messages.has(local(h.message)))
        throw new CodegenError(file, `binding operation "${op.name}" header names message ${h.message}, which is not declared`);
    }
  }
}

/** The WSDL's entity types (complex types extending `Entity`) with their own fields in sequence order. */
export function entityTypesOf(doc: WsdlDocument): Array<{ name: string; fields: string[] }> {
  const result: Array<{ name: string; fields: string[] }> = [];
  for (const item of doc.schema.items) {
    if (item.kind === 'complexType' && item.base !== undefined && item.base.endsWith(':Entity')) {
      result.push({ name: item.name, fields: item.sequence.map((e) => e.name) });
    }
  }
  return result;
}
