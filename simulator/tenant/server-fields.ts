/**
 * Fields the API fills in itself: creation and activity stamps (who and when), the ticket number,
 * the completion date of a ticket set to Complete, and on a new ticket the picklist defaults of
 * the fields a real ticket always carries.
 */
import type { EntityMeta, FieldValue } from 'atws/protocol';
import type { PicklistCatalog } from './picklists.js';
import { nextTicketNumber } from './ticket-number.js';
import type { EntityStore } from './store.js';

const CREATED_STAMPS = ['CreateDate', 'CreateDateTime', 'CreatedDate', 'CreatedDateTime', 'AttachDate'];
const ACTIVITY_STAMPS = ['LastActivityDate', 'LastModifiedDate', 'LastModifiedDateTime', 'LastActivityDateTime', 'LastModifiedTime'];
/** Ticket Status "Complete" (fixed by Autotask). */
const TICKET_COMPLETE = 5;
/**
 * Ticket fields a new ticket not given them takes from their picklist's default value
 * (`IsDefaultValue`): real tickets carry all three whatever created them.
 */
const TICKET_PICKLIST_DEFAULTS = ['TicketType', 'TicketCategory', 'Source'];
/** `CreatorType` / `LastActivityPersonType` of a resource (1; 2 is a contact). */
const PERSON_TYPE_RESOURCE = 1;

function stampable(meta: EntityMeta, name: string): boolean {
  const field = meta.fields[name];
  return field !== undefined && field.readOnly && field.type === 'datetime';
}

export interface ServerFieldContext {
  readonly creating: boolean;
  readonly store: EntityStore;
  readonly picklists: PicklistCatalog;
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
    if (meta.name === 'Ticket') {
      for (const name of TICKET_PICKLIST_DEFAULTS) {
        const field = meta.fields[name];
        if (field === undefined || values[name] !== undefined) continue;
        const preset = ctx.picklists.valuesOf(meta, field).find((v) => v.isDefaultValue && v.isActive);
        if (preset === undefined) continue;
        values[name] = Number(preset.value);
        computed.push(name);
      }
      if (meta.fields['CreatorType']) {
        values['CreatorType'] = PERSON_TYPE_RESOURCE;
        computed.push('CreatorType');
      }
    }
  }
  // Who acted last: the resource the request acts as.
  if (meta.fields['LastActivityResourceID']?.readOnly) {
    values['LastActivityResourceID'] = ctx.actingResourceId;
    computed.push('LastActivityResourceID');
    if (meta.fields['LastActivityPersonType']) {
      values['LastActivityPersonType'] = PERSON_TYPE_RESOURCE;
      computed.push('LastActivityPersonType');
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
