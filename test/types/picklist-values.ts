// Compile-time checks: a picklist field's values are its own (PicklistValue<'Ticket.Status'>), so
// that another field's value, a child picklist's value in its parent field, or any number cannot be
// written into it (the simulator, like Autotask, would store Priority "High"'s 1 as Status "New").
// See entity-read-write.ts for the "->".
import { Query, type Connection, type PicklistValue, type PicklistValueOf } from '../../runtime/index.js';
import type { Ticket, TicketCreate } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;
declare const ticket: Ticket;

export async function picklistValues(): Promise<void> {
  const tp = await at.picklist('Ticket');
  ticket.Status = tp.Status.get('Complete');
  ticket.Priority = tp.Priority.get('High');
  ticket.SubIssueType = tp.SubIssueType.get('Hardware Failure').get('Mouse');
  // @ts-expect-error another field's value -> Type 'PicklistValue<"Ticket.Priority">' is not assignable to type 'PicklistValue<"Ticket.Status">'
  ticket.Status = tp.Priority.get('High');
  // @ts-expect-error any number -> Type 'number' is not assignable to type 'PicklistValue<"Ticket.Status">'
  ticket.Status = 999;
  // @ts-expect-error a child picklist's value in its parent field -> is not assignable to type 'PicklistValue<"Ticket.IssueType">'
  ticket.IssueType = tp.SubIssueType.get('Hardware Failure').get('Mouse');
  // @ts-expect-error nor in a create input -> Type 'PicklistValue<"Ticket.Priority">' is not assignable to type 'PicklistValue<"Ticket.Status">'
  const create: Partial<TicketCreate> = { Status: tp.Priority.get('High') };
  // @ts-expect-error nor through set() -> Argument of type 'PicklistValue<"Ticket.Priority">' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  ticket.set('Status', tp.Priority.get('High'));
  // @ts-expect-error nor in a query -> Argument of type 'PicklistValue<"Ticket.Priority">' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  new Query('Ticket').where('Status', 'Equals', tp.Priority.get('High'));
  new Query('Ticket').where('Status', 'Equals', tp.Status.get('Complete')).or('Priority', 'GreaterThan', tp.Priority.get('Low'));
  // A value read from one entity goes into the same field of another, and back to its label.
  const status: PicklistValue<'Ticket.Status'> | undefined = ticket.Status;
  const label: string | undefined = status === undefined ? undefined : tp.Status.reverseLookup(status);
  // @ts-expect-error the label of another field's value -> Argument of type 'PicklistValue<"Ticket.Priority">' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  tp.Status.reverseLookup(tp.Priority.get('High'));
  // A value known by number says so.
  const known = 5 as PicklistValueOf<Ticket, 'Status'>;
  ticket.Status = known;
  void [create, label];
}
