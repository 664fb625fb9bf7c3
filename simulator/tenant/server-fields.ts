/**
 * Fields the API fills in itself (all read-only to clients): creation and activity stamps, the
 * ticket number, and the completion date of a ticket set to Complete.
 */
import type { EntityMeta, FieldValue } from 'atws/protocol';
import { nextTicketNumber } from './ticket-number.js';
import type { EntityStore } from './store.js';

const CREATED_STAMPS = ['CreateDate', 'CreateDateTime', 'CreatedDate', 'CreatedDateTime', 'AttachDate'];
const ACTIVITY_STAMPS = ['LastActivityDate', 'LastModifiedDate', 'LastModifiedDateTime', 'LastActivityDateTime', 'LastModifiedTime'];
/** Ticket Status "Complete" (fixed by Autotask). */
const TICKET_COMPLETE = 5;

function stampable(meta: EntityMeta, name: string): boolean {
  const field = meta.fields[name];
  return field !== undefined && field.readOnly && field.type === 'datetime';
}

export interface ServerFieldContext {
  readonly creating: boolean;
  readonly store: EntityStore;
  readonly now: Date;
  /** The resource the request acts as (the API user's, or the impersonated one). */
  readonly actingResourceId: number;
}

/**
 * Fills the server's fields in `values`; returns the names of those it computed, which the answer
 * of create()/update() does not report reliably (see computed-answer.ts).
 */
export function applyServerFields(meta: EntityMeta, values: Record<string, FieldValue>, ctx: ServerFieldContext): string[] {
  const { creating, store, now } = ctx;
  const computed: string[] = [];
  if (creating) {
    for (const name of CREATED_STAMPS) if (stampable(meta, name)) values[name] = now;
    computed.push(...CREATED_STAMPS.filter((name) => stampable(meta, name)));
    const creator = meta.fields['CreatorResourceID'];
    if (creator?.readOnly && creator.reference === 'Resource') values['CreatorResourceID'] = ctx.actingResourceId;
    if (meta.name === 'Ticket' && meta.fields['TicketNumber']) {
      values['TicketNumber'] = nextTicketNumber(store, now);
      computed.push('TicketNumber');
    }
  }
  for (const name of ACTIVITY_STAMPS) {
    if (!stampable(meta, name)) continue;
    values[name] = now;
    computed.push(name);
  }
  if (meta.name === 'Ticket' && stampable(meta, 'CompletedDate')) {
    if (values['Status'] === TICKET_COMPLETE) values['CompletedDate'] ??= now;
    else delete values['CompletedDate'];
    computed.push('CompletedDate');
  }
  return computed;
}
