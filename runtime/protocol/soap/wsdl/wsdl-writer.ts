/**
 * Writes a WSDL back out from its structured form (`generated/v1_x/wsdl-document.ts`, which
 * `atws codegen` derives from the reference WSDL), so that the simulator serves an equivalent
 * WSDL without the reference files. Only the constructs ATWS uses are modelled; the code
 * generator refuses any other, so nothing is lost between reading and writing.
 */
import { UsageError } from '../../errors.js';
import { escapeXmlAttr, escapeXmlText } from '../xml/escape.js';

/** A qualified name as the WSDL writes it, e.g. "s:long" or "tns:ATWSResponse". */
export type QName = string;

/** An `<s:element>` inside a sequence. */
export interface SchemaSequenceElement {
  readonly name: string;
  readonly type?: QName;
  readonly minOccurs?: string;
  readonly maxOccurs?: string;
  readonly nillable?: string;
}

/** The body of a complex type: a sequence, optionally extending a base type. */
export interface ComplexTypeBody {
  readonly abstract?: string;
  /** `complexContent/@mixed`; present exactly when the type extends a base. */
  readonly mixed?: string;
  /** `extension/@base`, for types that extend another (every entity extends `tns:Entity`). */
  readonly base?: QName;
  /** False when the type has no `<sequence>` at all. */
  readonly hasSequence: boolean;
  readonly sequence: readonly SchemaSequenceElement[];
  readonly anyAttribute: boolean;
}

export type SchemaItem =
  | {
      readonly kind: 'element';
      readonly name: string;
      readonly type?: QName;
      readonly complexType?: ComplexTypeBody;
    }
  | ({ readonly kind: 'complexType'; readonly name: string } & ComplexTypeBody)
  | {
      readonly kind: 'simpleType';
      readonly name: string;
      readonly base: QName;
      readonly enumeration: readonly string[];
    };

export interface WsdlMessage {
  readonly name: string;
  readonly parts: readonly { readonly name: string; readonly element: QName }[];
}

export interface PortTypeOperation {
  readonly name: string;
  readonly documentation?: string;
  readonly input: { readonly name?: string; readonly message: QName };
  readonly output: { readonly name?: string; readonly message: QName };
}

export interface SoapHeaderRef {
  readonly message: QName;
  readonly part: string;
  readonly use: string;
}

export interface BindingOperation {
  readonly name: string;
  readonly soapAction: string;
  readonly style: string;
  readonly input: { readonly name?: string; readonly bodyUse: string; readonly headers: readonly SoapHeaderRef[] };
  readonly output: { readonly name?: string; readonly bodyUse: string; readonly headers: readonly SoapHeaderRef[] };
}

/** A WSDL 1.1 document with one schema, port type, SOAP binding and service, as ATWS publishes. */
export interface WsdlDocument {
  readonly targetNamespace: string;
  /** The `xmlns:` declarations of `wsdl:definitions`, in document order. */
  readonly namespaces: readonly { readonly prefix: string; readonly uri: string }[];
  readonly schema: {
    readonly targetNamespace: string;
    readonly elementFormDefault?: string;
    readonly items: readonly SchemaItem[];
  };
  readonly messages: readonly WsdlMessage[];
  readonly portType: { readonly name: string; readonly operations: readonly PortTypeOperation[] };
  readonly binding: {
    readonly name: string;
    readonly type: QName;
    readonly transport: string;
    readonly style: string;
    readonly operations: readonly BindingOperation[];
  };
  readonly service: {
    readonly name: string;
    readonly documentation?: string;
    readonly port: { readonly name: string; readonly binding: QName };
  };
}

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

/**
 * Writes the WSDL XML for a document, with `options.address` as the `soap:address`.
 *
 * @example writeWsdl(wsdlDocument, { address: 'http://127.0.0.1:8080/atservices/1.6/atws.asmx' })
 */
export function writeWsdl(document: WsdlDocument, options: { address: string }): string {
  if (typeof options?.address !== 'string' || !/^https?:\/\/\S+$/i.test(options.address)) {
    throw new UsageError(`writeWsdl: the address must be an http(s) URL; got ${JSON.stringify(options?.address)}`);
  }
  const prefixOf = (uri: string, fallback: string): string =>
    document.namespaces.find((ns) => ns.uri === uri)?.prefix ?? fallback;
  const w = prefixOf(WSDL_NS, 'wsdl');
  const s = prefixOf(XSD_NS, 's');
  const soap = prefixOf(SOAP_NS, 'soap');
  const declared = new Set(document.namespaces.map((ns) => ns.uri));
  const extra = [
    [w, WSDL_NS],
    [s, XSD_NS],
    [soap, SOAP_NS],
  ].filter(([, uri]) => !declared.has(uri as string));

  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const xmlns = [...document.namespaces.map((ns) => [ns.prefix, ns.uri] as const), ...extra]
    .map(([prefix, uri]) => ` xmlns:${prefix}="${escapeXmlAttr(uri as string)}"`)
    .join('');
  out.push(`<${w}:definitions${xmlns} targetNamespace="${escapeXmlAttr(document.targetNamespace)}">`);

  out.push(`  <${w}:types>`);
  const schemaAttrs =
    (document.schema.elementFormDefault === undefined
      ? ''
      : ` elementFormDefault="${escapeXmlAttr(document.schema.elementFormDefault)}"`) +
    ` targetNamespace="${escapeXmlAttr(document.schema.targetNamespace)}"`;
  out.push(`    <${s}:schema${schemaAttrs}>`);
  for (const item of document.schema.items) writeSchemaItem(out, s, item, '      ');
  out.push(`    </${s}:schema>`);
  out.push(`  </${w}:types>`);

  for (const message of document.messages) {
    out.push(`  <${w}:message name="${escapeXmlAttr(message.name)}">`);
    for (const part of message.parts) {
      out.push(`    <${w}:part name="${escapeXmlAttr(part.name)}" element="${escapeXmlAttr(part.element)}" />`);
    }
    out.push(`  </${w}:message>`);
  }

  out.push(`  <${w}:portType name="${escapeXmlAttr(document.portType.name)}">`);
  for (const op of document.portType.operations) {
    out.push(`    <${w}:operation name="${escapeXmlAttr(op.name)}">`);
    if (op.documentation !== undefined) {
      out.push(`      <${w}:documentation>${escapeXmlText(op.documentation)}</${w}:documentation>`);
    }
    out.push(`      <${w}:input${nameAttr(op.input.name)} message="${escapeXmlAttr(op.input.message)}" />`);
    out.push(`      <${w}:output${nameAttr(op.output.name)} message="${escapeXmlAttr(op.output.message)}" />`);
    out.push(`    </${w}:operation>`);
  }
  out.push(`  </${w}:portType>`);

  const binding = document.binding;
  out.push(`  <${w}:binding name="${escapeXmlAttr(binding.name)}" type="${escapeXmlAttr(binding.type)}">`);
  out.push(
    `    <${soap}:binding transport="${escapeXmlAttr(binding.transport)}" style="${escapeXmlAttr(binding.style)}" />`,
  );
  for (const op of binding.operations) {
    out.push(`    <${w}:operation name="${escapeXmlAttr(op.name)}">`);
    out.push(
      `      <${soap}:operation soapAction="${escapeXmlAttr(op.soapAction)}" style="${escapeXmlAttr(op.style)}" />`,
    );
    for (const [tag, io] of [
      ['input', op.input],
      ['output', op.output],
    ] as const) {
      out.push(`      <${w}:${tag}${nameAttr(io.name)}>`);
      out.push(`        <${soap}:body use="${escapeXmlAttr(io.bodyUse)}" />`);
      for (const header of io.headers) {
        out.push(
          `        <${soap}:header message="${escapeXmlAttr(header.message)}" part="${escapeXmlAttr(header.part)}" use="${escapeXmlAttr(header.use)}" />`,
        );
      }
      out.push(`      </${w}:${tag}>`);
    }
    out.push(`    </${w}:operation>`);
  }
  out.push(`  </${w}:binding>`);

  const service = document.service;
  out.push(`  <${w}:service name="${escapeXmlAttr(service.name)}">`);
  if (service.documentation !== undefined) {
    out.push(`    <${w}:documentation>${escapeXmlText(service.documentation)}</${w}:documentation>`);
  }
  out.push(
    `    <${w}:port name="${escapeXmlAttr(service.port.name)}" binding="${escapeXmlAttr(service.port.binding)}">`,
  );
  out.push(`      <${soap}:address location="${escapeXmlAttr(options.address)}" />`);
  out.push(`    </${w}:port>`);
  out.push(`  </${w}:service>`);
  out.push(`</${w}:definitions>`);
  return out.join('\n') + '\n';
}

function nameAttr(name: string | undefined): string {
  return name === undefined ? '' : ` name="${escapeXmlAttr(name)}"`;
}

function writeSchemaItem(out: string[], s: string, item: SchemaItem, indent: string): void {
  switch (item.kind) {
    case 'element':
      if (item.complexType === undefined) {
        out.push(`${indent}<${s}:element name="${escapeXmlAttr(item.name)}"${optAttr('type', item.type)} />`);
      } else {
        out.push(`${indent}<${s}:element name="${escapeXmlAttr(item.name)}"${optAttr('type', item.type)}>`);
        writeComplexType(out, s, undefined, item.complexType, indent + '  ');
        out.push(`${indent}</${s}:element>`);
      }
      return;
    case 'complexType':
      writeComplexType(out, s, item.name, item, indent);
      return;
    case 'simpleType':
      out.push(`${indent}<${s}:simpleType name="${escapeXmlAttr(item.name)}">`);
      out.push(`${indent}  <${s}:restriction base="${escapeXmlAttr(item.base)}">`);
      for (const value of item.enumeration) {
        out.push(`${indent}    <${s}:enumeration value="${escapeXmlAttr(value)}" />`);
      }
      out.push(`${indent}  </${s}:restriction>`);
      out.push(`${indent}</${s}:simpleType>`);
      return;
  }
}

function writeComplexType(
  out: string[],
  s: string,
  name: string | undefined,
  body: ComplexTypeBody,
  indent: string,
): void {
  out.push(`${indent}<${s}:complexType${optAttr('name', name)}${optAttr('abstract', body.abstract)}>`);
  let inner = indent + '  ';
  if (body.base !== undefined) {
    out.push(`${inner}<${s}:complexContent${optAttr('mixed', body.mixed)}>`);
    out.push(`${inner}  <${s}:extension base="${escapeXmlAttr(body.base)}">`);
    inner += '    ';
  }
  if (body.hasSequence) {
    out.push(`${inner}<${s}:sequence>`);
    for (const el of body.sequence) {
      out.push(
        `${inner}  <${s}:element${optAttr('minOccurs', el.minOccurs)}${optAttr('maxOccurs', el.maxOccurs)} name="${escapeXmlAttr(el.name)}"${optAttr('nillable', el.nillable)}${optAttr('type', el.type)} />`,
      );
    }
    out.push(`${inner}</${s}:sequence>`);
  }
  if (body.anyAttribute) out.push(`${inner}<${s}:anyAttribute />`);
  if (body.base !== undefined) {
    out.push(`${indent}    </${s}:extension>`);
    out.push(`${indent}  </${s}:complexContent>`);
  }
  out.push(`${indent}</${s}:complexType>`);
}

function optAttr(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeXmlAttr(value)}"`;
}
