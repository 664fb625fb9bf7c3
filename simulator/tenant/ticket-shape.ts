/** How seeded tickets look: `demo` (about 15 fields, a few UDF values) or `full` (as a busy tenant's: 26 fields, 12 UDFs). */
export const TICKET_SHAPES = ['demo', 'full'] as const;
export type TicketShape = (typeof TICKET_SHAPES)[number];
