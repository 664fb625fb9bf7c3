/**
 * The protocol layer the client, the simulator and the code generator share, as `atws/protocol`:
 * the API's data model whatever the wire (metadata, API versions, limits, the query tree and its
 * operators, thread endpoints), US Eastern time (the API's own time zone), errors and secret
 * redaction. SOAP's wire formats (XML codec, envelope, queryxml, the WSDL model, operation
 * descriptors) are `atws/protocol/soap`. Nothing here knows a client connection or a server.
 */
export * from './call.js';
export * from './api-versions.js';
export * from './api-version-list.js';
export * from './errors.js';
export * from './limits.js';
export * from './metadata.js';
export * from './query/operators.js';
export * from './query/query-tree.js';
export * from './redaction.js';
export * from './thread-endpoints.js';
export * from './time/eastern.js';
export * from './rest/rest-model.js';
export * from './rest/rest-base-url.js';
export * from './rest/rest-attachments.js';
