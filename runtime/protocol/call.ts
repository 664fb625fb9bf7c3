/**
 * A request to the API as the policies around any transport see it: what it does and which entity
 * it names, whatever the wire. The thread limit counts it against its endpoint
 * (thread-endpoints.ts), the usage pacer lets the usage read itself through, the simulator's fronts
 * read the same from their requests.
 */

/** What a request does. */
export type CallKind =
  | 'query'
  | 'create'
  | 'update'
  | 'delete'
  | 'fieldInfo'
  | 'udfInfo'
  | 'entityInfo'
  | 'usage'
  | 'invoiceMarkup'
  | 'getAttachment'
  | 'createAttachment'
  | 'deleteAttachment'
  | 'apiVersion'
  | 'zoneInfo';

export interface Call {
  readonly kind: CallKind;
  /** The entity type the request names (query, create/update/delete, field and UDF info). */
  readonly entity?: string | undefined;
}
