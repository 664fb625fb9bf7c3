/**
 * Which object endpoint a SOAP operation counts against under Autotask's thread limit (the
 * "Thread limiting" page: at most 3 requests in flight per object endpoint and tracking
 * identifier). Declared once for both sides: the client's limiter keeps inside it and the
 * simulator enforces it. The entity named by query/create/update/delete/GetFieldInfo/getUDFInfo
 * is the endpoint (the field info of Tickets counts with Tickets); the attachment calls count as
 * AttachmentInfo, GetInvoiceMarkup as Invoice, getThresholdAndUsageInfo as ThresholdInformation
 * (not exempt), the rest as their own name; getZoneInfo is exempt.
 */

/** The request parameter that names an operation's entity. */
export type EndpointParameter = 'queryEntity' | 'entityType' | 'psObjectType' | 'psTable';

const FROM_PARAMETER: Readonly<Record<string, EndpointParameter>> = {
  query: 'queryEntity',
  create: 'entityType',
  update: 'entityType',
  delete: 'entityType',
  GetFieldInfo: 'psObjectType',
  getUDFInfo: 'psTable',
};

const FIXED: Readonly<Record<string, string>> = {
  GetAttachment: 'attachmentinfo',
  CreateAttachment: 'attachmentinfo',
  DeleteAttachment: 'attachmentinfo',
  GetInvoiceMarkup: 'invoice',
  getThresholdAndUsageInfo: 'thresholdinformation',
};

/**
 * The endpoint (lower case) of an operation, reading the entity it names through `entityIn`;
 * undefined when the operation is exempt. An operation that names no entity counts as itself.
 *
 * @example threadEndpoint('GetFieldInfo', () => 'Ticket') // "ticket"
 */
export function threadEndpoint(operation: string, entityIn: (parameter: EndpointParameter) => string | undefined): string | undefined {
  if (operation === 'getZoneInfo') return undefined;
  const fixed = Object.hasOwn(FIXED, operation) ? FIXED[operation] : undefined;
  if (fixed !== undefined) return fixed;
  const parameter = Object.hasOwn(FROM_PARAMETER, operation) ? FROM_PARAMETER[operation] : undefined;
  const entity = parameter === undefined ? undefined : entityIn(parameter)?.trim().toLowerCase();
  return entity === undefined || entity === '' ? operation.toLowerCase() : entity;
}
