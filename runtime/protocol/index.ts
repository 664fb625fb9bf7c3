/**
 * The protocol layer the client, the simulator and the code generator share, and the only part of
 * this package the other two import (as `atws/protocol`): the API's data model (metadata, API
 * versions, limits, operation descriptors), its wire formats (SOAP envelope, entity XML, queryxml,
 * US Eastern time, the WSDL model and writer) and secret redaction. Nothing here knows a client
 * connection or a server.
 */
export * from './api-versions.js';
export * from './errors.js';
export * from './metadata.js';
export * from './queryxml/operators.js';
export * from './queryxml/query-tree.js';
export * from './queryxml/query-xml-error.js';
export * from './queryxml/queryxml-parser.js';
export * from './queryxml/queryxml-writer.js';
export * from './redaction.js';
export * from './thread-endpoints.js';
export * from './time/eastern.js';
export * from './wsdl/wsdl-writer.js';
export * from './xml/atws-response-decoder.js';
export * from './xml/entity-writer.js';
export * from './xml/escape.js';
export * from './xml/field-codec.js';
export * from './xml/soap-envelope.js';
export * from './xml/xml-syntax-error.js';
export * from './xml/xml-tree.js';
export * from './operations.js';
export * from './limits.js';
export * from './api-version-list.js';
export * from './xml/xsi-nil.js';
export * from './rest/rest-model.js';
