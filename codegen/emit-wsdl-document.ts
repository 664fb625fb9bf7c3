/** Emits `wsdl-document.ts`: the WSDL's structure, for `runtime/protocol/soap/wsdl/wsdl-writer.ts`. */
import type { GenContext } from './gen-context.js';
import { tsLiteral } from './ts-literal.js';

export function wsdlDocumentSource(ctx: GenContext): string {
  return [
    ctx.header,
    `import type { WsdlDocument } from '${ctx.runtimeImport}/protocol/soap';`,
    '',
    '/**',
    ` * The ATWS ${ctx.snapshot.apiVersion} WSDL in structured form; \`writeWsdl(wsdlDocument, { address })\` writes it out.`,
    ' *',
    ' * @example',
    ' * ```ts',
    " * writeWsdl(wsdlDocument, { address: 'http://127.0.0.1:8080/atservices/1.6/atws.asmx' });",
    ' * ```',
    ' */',
    // Typed, not `as const`: a literal type of this size would only slow the compiler down.
    `export const wsdlDocument: WsdlDocument = ${tsLiteral(ctx.wsdl)};`,
    '',
  ].join('\n');
}
