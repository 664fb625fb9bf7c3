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
  // @ts-expect-error AccountID cannot change after create -> Type 'number' is not assignable to type '"AccountID is set once, on create: a stored entity keeps it"'
  const moveContact: ContactUpdate = { id: 1, AccountID: 2 };
  // at.new with values takes the complete create input.
  const fresh = at.new('Contact', { AccountID: 0, Active: 1, FirstName: 'Ada', LastName: 'Lovelace' });
  at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: due, Priority: medium, Status: complete });
  // @ts-expect-error a new Ticket lacks required fields -> missing the following properties from type 'TicketCreate': Priority, Status
  at.new('Ticket', { Title: 'x', AccountID: 0 });
  // The Python wrapper's (python-atws) style: a bare object, then its fields; the required ones are checked at run time.
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
  ticket.set('Status', complete).set('DueDateTime', new Date()).set('Description', null);
  // @ts-expect-error the value follows the field -> Argument of type 'string' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  ticket.set('Status', 'Complete');
  // @ts-expect-error read-only fields cannot be set -> CreateDate is read-only: the API sets it
  ticket.set('CreateDate', new Date());
  // Set once on create: AccountID may be set on a new Contact.
  at.new('Contact').set('AccountID', 0);
  void [status, statusText];
}

/**
 * The package's own modules do not know a tenant's UDFs, so get()/set() take fields only (a name
 * that is not a field used to be taken for a UDF: a misspelt field went to the API, which answered
 * "UDF Titel does not exist"); user-defined fields go through getUdf()/setUdf().
 */
export function fieldsOrUdfs(stored: Stored<Contact>): void {
  // @ts-expect-error a misspelt field is no UDF -> Titel is not a field of this entity (a user-defined field: getUdf/setUdf)
  ticket.get('Titel');
  // @ts-expect-error nor to set -> Titel is not a field of this entity (a user-defined field: getUdf/setUdf)
  ticket.set('Titel', 5);
  const room: string | null | undefined = ticket.getUdf('Room');
  ticket.setUdf('Room', '12B');
  // @ts-expect-error UDF values are text -> Argument of type 'number' is not assignable to parameter of type 'string'
  ticket.setUdf('Room', 12);
  // @ts-expect-error a required field cannot be cleared -> Argument of type 'null' is not assignable to parameter of type 'string'
  ticket.set('Title', null);
  // @ts-expect-error nor patched empty -> Type 'null' is not assignable to type 'string'
  void at.patch('Ticket', 1, { Title: null });
  void at.patch('Ticket', 1, { Description: null });
  // @ts-expect-error set once, on create: an update never sends it, so it would be lost -> AccountID is set once, on create: a stored entity keeps it
  stored.set('AccountID', 5);
  void room;
}

export async function capabilityMessages(): Promise<void> {
  // @ts-expect-error Tickets cannot be deleted -> Ticket cannot be deleted through the API
  await ticket.delete();
  // @ts-expect-error nor through the connection -> Ticket cannot be deleted through the API
  at.delete(ticket);
  // @ts-expect-error Resources cannot be created -> Resource cannot be created through the API
  at.create(at.new('Resource'));
}
