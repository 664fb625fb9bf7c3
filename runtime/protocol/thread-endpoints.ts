/**
 * Which object endpoint a request counts against under Autotask's thread limit (the "Thread
 * limiting" page: at most 3 requests in flight per object endpoint and tracking identifier).
 * Declared once for both sides: the client's limiter keeps inside it and the simulator enforces it.
 * The entity named by query/create/update/delete/field info/UDF info is the endpoint (the field
 * info of Tickets counts with Tickets, as the REST API's per-entity endpoints); the attachment calls
 * count as AttachmentInfo, the invoice markup as Invoice, the usage read as ThresholdInformation
 * (not exempt), the entity info and the version as their SOAP operations' names; zone discovery is
 * exempt.
 */
import type { Call, CallKind } from './call.js';

/** The endpoint of the calls that name none, by kind; undefined: exempt. */
const FIXED: Readonly<Record<Exclude<CallKind, EntityKind>, string | undefined>> = {
  getAttachment: 'attachmentinfo',
  createAttachment: 'attachmentinfo',
  deleteAttachment: 'attachmentinfo',
  invoiceMarkup: 'invoice',
  usage: 'thresholdinformation',
  entityInfo: 'getentityinfo',
  apiVersion: 'getwsdlversion',
  zoneInfo: undefined,
};

/** The calls that count against the entity they name. */
type EntityKind = 'query' | 'create' | 'update' | 'delete' | 'fieldInfo' | 'udfInfo';
const NAMES_ENTITY: ReadonlySet<CallKind> = new Set<EntityKind>(['query', 'create', 'update', 'delete', 'fieldInfo', 'udfInfo']);

/**
 * The endpoint (lower case) a call counts against; undefined when it is exempt. A call that should
 * name an entity and names none counts as its kind.
 *
 * @example callEndpoint({ kind: 'fieldInfo', entity: 'Ticket' }) // "ticket"
 */
export function callEndpoint(call: Call): string | undefined {
  if (NAMES_ENTITY.has(call.kind)) {
    const entity = call.entity?.trim().toLowerCase();
    return entity === undefined || entity === '' ? call.kind.toLowerCase() : entity;
  }
  return FIXED[call.kind as Exclude<CallKind, EntityKind>];
}

/** The request parameter that names a SOAP operation's entity. */
export type EndpointParameter = 'queryEntity' | 'entityType' | 'psObjectType' | 'psTable';

/** SOAP operation -> its call kind and the parameter naming its entity. */
const SOAP_OPERATIONS: Readonly<Record<string, { readonly kind: CallKind; readonly parameter?: EndpointParameter }>> = {
  query: { kind: 'query', parameter: 'queryEntity' },
  create: { kind: 'create', parameter: 'entityType' },
  update: { kind: 'update', parameter: 'entityType' },
  delete: { kind: 'delete', parameter: 'entityType' },
  GetFieldInfo: { kind: 'fieldInfo', parameter: 'psObjectType' },
  getUDFInfo: { kind: 'udfInfo', parameter: 'psTable' },
  getEntityInfo: { kind: 'entityInfo' },
  getThresholdAndUsageInfo: { kind: 'usage' },
  GetInvoiceMarkup: { kind: 'invoiceMarkup' },
  GetAttachment: { kind: 'getAttachment' },
  CreateAttachment: { kind: 'createAttachment' },
  DeleteAttachment: { kind: 'deleteAttachment' },
  GetWsdlVersion: { kind: 'apiVersion' },
  getZoneInfo: { kind: 'zoneInfo' },
};

/**
 * The endpoint (lower case) of a SOAP operation, reading the entity it names through `entityIn`;
 * undefined when the operation is exempt. An operation this table does not know counts as itself.
 * The SOAP front's form of {@link callEndpoint}, for a server reading operations by name.
 *
 * @example threadEndpoint('GetFieldInfo', () => 'Ticket') // "ticket"
 */
export function threadEndpoint(operation: string, entityIn: (parameter: EndpointParameter) => string | undefined): string | undefined {
  const known = Object.hasOwn(SOAP_OPERATIONS, operation) ? SOAP_OPERATIONS[operation] : undefined;
  if (known === undefined) return operation.toLowerCase();
  if (known.parameter === undefined) return callEndpoint({ kind: known.kind });
  const entity = entityIn(known.parameter)?.trim().toLowerCase();
  // An operation that should name an entity and names none counts as its own name.
  return entity === undefined || entity === '' ? operation.toLowerCase() : entity;
}
