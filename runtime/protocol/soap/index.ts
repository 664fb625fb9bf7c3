/**
 * SOAP's wire formats, as `atws/protocol/soap`: the XML codec (a namespace-aware tree, escaping,
 * field values, xsi:nil, the entity writer), the envelope, queryxml, the WSDL model and writer, and
 * the operation descriptors generated code satisfies. (The streaming ATWSResponse decoder, which
 * only the client reads with, is the client's: runtime/client/soap/atws-response-decoder.ts.)
 * Only SOAP code (the client's and the simulator's SOAP folders, codegen's WSDL reading, generated
 * SOAP descriptors) imports it.
 */
export * from './operations.js';
export * from './queryxml/query-xml-error.js';
export * from './queryxml/queryxml-parser.js';
export * from './queryxml/queryxml-writer.js';
export * from './wsdl/wsdl-writer.js';
export * from './xml/entity-writer.js';
export * from './xml/escape.js';
export * from './xml/field-codec.js';
export * from './xml/soap-envelope.js';
export * from './xml/xml-syntax-error.js';
export * from './xml/xml-tree.js';
// The simulator's check; `marksNil` beside it is the client decoder's own, not public.
export { isXsiNil } from './xml/xsi-nil.js';
