/**
 * Emits `operations.ts`: the WSDL's SOAP operations as data (what the client sends and expects
 * back) and TypeScript interfaces of its non-entity complex types (ATWSResponse, Field, ...).
 */
import type { ComplexTypeBody, OperationDescriptor, SchemaItem, WsdlDocument } from 'atws/protocol/soap';
import { CodegenError } from './codegen-error.js';
import { docText, type GenContext } from './gen-context.js';
import { propertyName, tsLiteral } from './ts-literal.js';

/** What the generator reads of each operation: the protocol's descriptor. */
export type OperationData = OperationDescriptor;

const local = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** The operations of a WSDL, in binding order; a WSDL that does not fit the document/literal wrapped style is refused. */
export function operationsOf(doc: WsdlDocument, file: string): OperationData[] {
  const messages = new Map(doc.messages.map((m) => [m.name, m]));
  const elements = new Map(doc.schema.items.flatMap((i) => (i.kind === 'element' ? [[i.name, i] as const] : [])));
  const portOps = new Map(doc.portType.operations.map((o) => [o.name, o]));
  const wrapped = (messageRef: string, op: string): Extract<SchemaItem, { kind: 'element' }> & { complexType: ComplexTypeBody } => {
    const message = messages.get(local(messageRef));
    const part = message?.parts[0];
    if (message === undefined || part === undefined || message.parts.length !== 1) {
      throw new CodegenError(file, `operation "${op}": message ${messageRef} must have exactly one part (document/literal wrapped)`);
    }
    const element = elements.get(local(part.element));
    if (element === undefined || element.complexType === undefined) {
      throw new CodegenError(file, `operation "${op}": element ${part.element} must be declared with an inline complexType`);
    }
    return element as Extract<SchemaItem, { kind: 'element' }> & { complexType: ComplexTypeBody };
  };
  return doc.binding.operations.map((bop) => {
    const pop = portOps.get(bop.name);
    if (pop === undefined) throw new CodegenError(file, `binding operation "${bop.name}" is not in the portType`);
    const request = wrapped(pop.input.message, bop.name);
    const response = wrapped(pop.output.message, bop.name);
    const result = response.complexType.sequence[0];
    if (result === undefined || response.complexType.sequence.length !== 1) {
      throw new CodegenError(file, `operation "${bop.name}": response element ${response.name} must hold exactly one result element`);
    }
    return {
      name: bop.name,
      soapAction: bop.soapAction,
      requestElement: request.name,
      responseElement: response.name,
      resultElement: result.name,
      resultType: result.type === undefined ? 'anyType' : local(result.type),
      parameters: request.complexType.sequence.map((p) => ({ name: p.name, type: p.type === undefined ? 'anyType' : local(p.type) })),
      headers: bop.input.headers.map((h) => h.part),
      ...(pop.documentation === undefined ? {} : { documentation: pop.documentation }),
    };
  });
}

const XSD_TS: Readonly<Record<string, string>> = {
  string: 'string',
  int: 'number',
  long: 'number',
  short: 'number',
  double: 'number',
  float: 'number',
  decimal: 'string',
  boolean: 'boolean',
  dateTime: 'Date',
  base64Binary: 'string',
};

export function operationsSource(ctx: GenContext, file: string): string {
  const doc = ctx.wsdl;
  const ops = operationsOf(doc, file);
  const xsdPrefix = doc.namespaces.find((n) => n.uri === 'http://www.w3.org/2001/XMLSchema')?.prefix ?? 's';
  const entityTypes = new Set(ctx.snapshot.entities.map((e) => e.name));
  const entityUsed = new Set<string>();
  const typeOf = (qname: string | undefined, where: string): string => {
    if (qname === undefined) return 'unknown';
    const prefix = qname.slice(0, qname.indexOf(':'));
    const name = local(qname);
    if (prefix === xsdPrefix) {
      const ts = XSD_TS[name];
      if (ts === undefined) throw new CodegenError(file, `${where}: unsupported XML Schema type ${qname}`);
      return ts;
    }
    if (entityTypes.has(name)) entityUsed.add(name);
    return name;
  };

  const body: string[] = [];
  body.push(
    '/**',
    ` * The ${ops.length} operations of ATWS ${ctx.snapshot.apiVersion}, by name.`,
    ' *',
    ' * @example',
    ' * ```ts',
    ' * operations.query.soapAction;',
    ' * ```',
    ' */',
    `export const operations = ${tsLiteral(Object.fromEntries(ops.map((o) => [o.name, o])))} as const satisfies Record<string, OperationDescriptor>;`,
    '',
    '/** An operation name. */',
    'export type OperationName = keyof typeof operations;',
    '',
  );

  for (const item of doc.schema.items) {
    if (item.kind === 'simpleType') {
      body.push(
        `/** The WSDL's simple type ${item.name}. */`,
        `export type ${item.name} = ${item.enumeration.length === 0 ? typeOf(item.base, item.name) : item.enumeration.map((v) => tsLiteral(v)).join(' | ')};`,
        '',
      );
    } else if (item.kind === 'complexType' && !(item.base !== undefined && local(item.base) === 'Entity')) {
      const ext = item.base === undefined ? '' : ` extends ${typeOf(item.base, item.name)}`;
      body.push(`/** The WSDL's complex type ${item.name}${item.abstract === 'true' ? ' (abstract)' : ''}. */`);
      body.push(`export interface ${item.name}${ext} {`);
      for (const el of item.sequence) {
        const many = el.maxOccurs === 'unbounded';
        const type = typeOf(el.type, `${item.name}.${el.name}`);
        const optional = el.minOccurs === '0' || many;
        body.push(`  ${propertyName(el.name)}${optional ? '?' : ''}: ${many ? `${wrapArray(type)}[]` : type};`);
      }
      body.push('}', '');
    }
  }
  const requestTypes = ops.map((o) => {
    const name = `${o.requestElement[0]!.toUpperCase()}${o.requestElement.slice(1)}`;
    return [o, name] as const;
  });
  for (const [op, name] of requestTypes) {
    const element = doc.schema.items.find((i) => i.kind === 'element' && i.name === op.requestElement);
    if (element === undefined || element.kind !== 'element' || element.complexType === undefined) continue;
    body.push(`/** The parameters of \`${op.name}\`${op.documentation === undefined ? '' : `: ${docText(op.documentation)}`} */`);
    body.push(`export interface ${name}Request {`);
    for (const el of element.complexType.sequence) {
      const type = typeOf(el.type, `${op.requestElement}.${el.name}`);
      body.push(`  ${propertyName(el.name)}${el.minOccurs === '0' ? '?' : ''}: ${type};`);
    }
    body.push('}', '');
  }

  const imports = [
    `import type { OperationDescriptor } from '${ctx.runtimeImport}/protocol/soap';`,
    ...[...entityUsed].sort().map((n) => `import type { ${n} } from './entities/${n}.js';`),
  ];
  return [ctx.header, ...imports, ...(imports.length > 0 ? [''] : []), ...body].join('\n');
}

function wrapArray(type: string): string {
  return /^[A-Za-z0-9_]+$/.test(type) ? type : `(${type})`;
}
