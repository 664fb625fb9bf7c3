/**
 * Attachments over REST. The AttachmentInfo collection is query-only ("You can only query it. To
 * create or delete attachments, you must use the child collection URL for each attachment type":
 * the AttachmentInfo REST entity page); each parent that takes attachments has a child route
 * `/V1.0/{Parent}/{parentId}/Attachments`, with POST (create, `{"itemId": n}`) and GET (list), and
 * `.../Attachments/{id}` with GET (the one route that answers the bytes, base64 in `data`, as
 * `{"items": [...]}`: apigrate/autotask-restapi, msoukhomlinov/n8n-nodes-autotask) and DELETE.
 *
 * These routes pair with no SOAP entity (their REST models, `TicketAttachmentModel`, ..., are
 * REST-only: codegen/README.md), so the derived REST model does not list them; the parents are
 * the swagger's, every one with the same four methods.
 */

/** The child segment of every attachment route. */
export const REST_ATTACHMENT_CHILD = 'Attachments';

/** The REST collections that have a `{parentId}/Attachments` child route, as the swagger spells them. */
export const REST_ATTACHMENT_PARENTS: readonly string[] = Object.freeze([
  'Companies',
  'CompanyNotes',
  'ConfigurationItemNotes',
  'ConfigurationItems',
  'ContractNotes',
  'Documents',
  'ExpenseItems',
  'ExpenseReports',
  'KnowledgeBaseArticles',
  'Opportunities',
  'ProjectNotes',
  'Projects',
  'Resources',
  'SalesOrders',
  'TaskNotes',
  'Tasks',
  'TicketNotes',
  'Tickets',
  'TimeEntries',
]);

const BY_LOWER_NAME = new Map(REST_ATTACHMENT_PARENTS.map((name) => [name.toLowerCase(), name]));

/**
 * The attachment parent collection named `collection` (in any case), as the swagger spells it;
 * undefined when it takes no attachments.
 *
 * @example
 * ```ts
 * restAttachmentParent('tickets'); // 'Tickets'
 * ```
 */
export function restAttachmentParent(collection: string): string | undefined {
  return BY_LOWER_NAME.get(collection.toLowerCase());
}
