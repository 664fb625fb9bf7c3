// Compile-time checks (issue 14): read and write types apart, required fields on create, get/set by
// field name. Type-checked by `npm run typecheck`, never run. Each `@ts-expect-error` names, after
// "->", a fragment of the compiler's message; test/unit/types/probe-reasons.test.ts checks that the
// line fails with that message once the directive is removed.
import { missingRequiredFields, type Connection, type PicklistValueOf, type Stored } from '../../runtime/index.js';
import { Query } from '../../runtime/index.js';
import type { Contact, ContactCreate, ContactUpdate, Ticket, TicketChecklistItemCreate } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;
declare const ticket: Ticket;
declare const contact: Contact;
declare const medium: PicklistValueOf<Ticket, 'Priority'>;
declare const complete: PicklistValueOf<Ticket, 'Status'>;

export function readOnlyFields(): void {
  ticket.Title = 'Printer offline';
  // @ts-expect-error LastActivityDate is the API's to fill -> Cannot assign to 'LastActivityDate' because it is a read-only property
  ticket.LastActivityDate = new Date();
  // @ts-expect-error CreateDate is read-only -> Cannot assign to 'CreateDate' because it is a read-only property
  ticket.CreateDate = new Date();
  // @ts-expect-error CreatorResourceID is read-only -> Cannot assign to 'CreatorResourceID' because it is a read-only property
  ticket.CreatorResourceID = 4;
  // @ts-expect-error required and read-only: set once, on create, never assigned later -> Cannot assign to 'AccountID' because it is a read-only property
  contact.AccountID = 5;
  const number: string | undefined = ticket.TicketNumber;
  void number;
}

export function createInputs(due: Date): unknown[] {
  // Required and read-only fields (set once, on create) are part of the create input.
  const newContact: ContactCreate = { AccountID: 0, Active: 1, FirstName: 'Ada', LastName: 'Lovelace' };
  // @ts-expect-error AccountID is required on create -> Property 'AccountID' is missing
  const noAccount: ContactCreate = { Active: 1, FirstName: 'Ada', LastName: 'Lovelace' };
  const item: TicketChecklistItemCreate = { TicketID: 1, ItemName: 'Replace toner' };
  // The update input has no read-only field, set-once ones included.
  const update: ContactUpdate = { id: 1, FirstName: 'Ada' };
  // @ts-expect-error AccountID cannot change after create -> 'AccountID' does not exist in type 'ContactUpdate'
  const moveContact: ContactUpdate = { id: 1, AccountID: 2 };
  // at.new with values takes the complete create input.
  const fresh = at.new('Contact', { AccountID: 0, Active: 1, FirstName: 'Ada', LastName: 'Lovelace' });
  at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: due, Priority: medium, Status: complete });
  // @ts-expect-error a new Ticket lacks required fields -> missing the following properties from type 'TicketCreate': Priority, Status
  at.new('Ticket', { Title: 'x', AccountID: 0 });
  // The seed's style: a bare object, then its fields; the required ones are checked at run time.
  const later = at.new('Ticket').set('Title', 'x').set('AccountID', 0);
  const missing: string[] = missingRequiredFields(later);
  return [newContact, noAccount, item, update, moveContact, fresh, missing];
}

export async function storedEntities(): Promise<void> {
  const draft = at.new('Ticket');
  // @ts-expect-error a new entity has no id yet -> 'number | undefined' is not assignable to type 'number'
  const draftId: number = draft.id;
  // Entities read from the API carry their id.
  const read = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchOne();
  if (read !== undefined) {
    const id: number = read.id;
    const again: Stored<Ticket>[] = await at.fetchByIds('Ticket', [id]).fetchAll();
    void again;
  }
  const created = await at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: medium, Status: complete }).create();
  const createdId: number = created.id;
  void [draftId, createdId];
}

export function getAndSet(): void {
  const status: PicklistValueOf<Ticket, 'Status'> | undefined = ticket.get('Status');
  // @ts-expect-error get is typed by the field -> Type 'PicklistValue<"Ticket.Status"> | undefined' is not assignable to type 'string | undefined'
  const statusText: string | undefined = ticket.get('Status');
  // A name that is not a field is a UDF: its value is a string.
  const room: string | null | undefined = ticket.get('Room');
  // @ts-expect-error a UDF value is text -> Type 'UdfValue | undefined' is not assignable to type 'number | undefined'
  const roomNumber: number | undefined = ticket.get('Room');
  ticket.set('Status', complete).set('Room', '12B').set('DueDateTime', new Date());
  // @ts-expect-error Status holds a number -> Status is a field, not a user-defined field: its value must be of the field's type
  ticket.set('Status', 'Complete');
  // @ts-expect-error read-only fields cannot be set -> CreateDate is read-only: the API sets it
  ticket.set('CreateDate', new Date());
  // @ts-expect-error UDF values are strings -> Argument of type 'number' is not assignable to parameter of type 'string'
  ticket.set('Room', 12);
  // Set once on create: AccountID may be set on a new Contact.
  at.new('Contact').set('AccountID', 0);
  void [status, statusText, room, roomNumber];
}

export async function capabilityMessages(): Promise<void> {
  // @ts-expect-error Tickets cannot be deleted -> Ticket cannot be deleted through the API
  await ticket.delete();
  // @ts-expect-error nor through the connection -> Ticket cannot be deleted through the API
  at.delete(ticket);
  // @ts-expect-error Resources cannot be created -> Resource cannot be created through the API
  at.create(at.new('Resource'));
}
