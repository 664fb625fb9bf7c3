/**
 * Autotask's ticket numbers: `T<yyyymmdd>.<nnnn>`, the date being the creation day in the API's
 * time zone (US Eastern) and the number the ticket's sequence within that day.
 */
import { formatEasternQuery } from 'atws/protocol';
import type { EntityStore } from './store.js';

/** The ticket-number prefix of an instant's Eastern day, e.g. `T20240310.`. */
export function ticketDayPrefix(at: Date): string {
  return `T${formatEasternQuery(at).slice(0, 10).replaceAll('-', '')}.`;
}

export function ticketNumber(dayPrefix: string, sequenceOfDay: number): string {
  return `${dayPrefix}${String(sequenceOfDay).padStart(4, '0')}`;
}

/** Per store: the last sequence used per day, counted from the stored tickets on first use. */
const lastSequences = new WeakMap<EntityStore, Map<string, number>>();

/** The next ticket number for a ticket created at `at`. */
export function nextTicketNumber(store: EntityStore, at: Date): string {
  let sequences = lastSequences.get(store);
  if (!sequences) {
    sequences = new Map();
    for (const ticket of store.scan('Ticket')) {
      const match = /^(T\d{8}\.)(\d+)$/.exec(String(ticket.values['TicketNumber'] ?? ''));
      if (match) sequences.set(match[1] as string, Math.max(sequences.get(match[1] as string) ?? 0, Number(match[2])));
    }
    lastSequences.set(store, sequences);
  }
  const prefix = ticketDayPrefix(at);
  const next = (sequences.get(prefix) ?? 0) + 1;
  sequences.set(prefix, next);
  return ticketNumber(prefix, next);
}
