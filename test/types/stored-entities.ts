// Compile-time checks: what the API returned is Stored<T>, its id and every field the metadata marks
// required non-optional (the API refuses an entity without them), as Prisma and Kysely type required
// columns of a result; from queries, fetchByIds, at.create(), at.update(), at.patch() and the bound
// entity's create()/update(). Other fields stay optional. See entity-read-write.ts for the "->".
import { Query, type Connection, type PicklistValue, type Stored } from '../../runtime/index.js';
import type { Contact, Ticket } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;
declare const draft: Ticket;

export async function storedEntities(tickets: Ticket[]): Promise<void> {
  const read = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchOne();
  if (read !== undefined) {
    const title: string = read.Title;
    const status: PicklistValue<'Ticket.Status'> = read.Status;
    const id: number = read.id;
    // @ts-expect-error Description is not required: it may be empty -> Type 'string | undefined' is not assignable to type 'string'
    const description: string = read.Description;
    void [title, status, id, description];
  }
  // at.create() yields what was stored (read back by id), with the required fields.
  for await (const created of at.create(tickets)) created.Title.trim();
  const [created] = await at.create(tickets).fetchAll();
  const createdTitle: string | undefined = created?.Title;
  const stored: Stored<Ticket>[] = await at.create(tickets).fetchAll();
  // at.patch() resolves to the entity as stored.
  const patched = await at.patch('Ticket', 1, { Title: 'Printer offline' });
  const patchedTitle: string = patched.Title;
  // A bound entity's create() too.
  const fromCreate = await at.new('Ticket').create();
  const accountId: number = fromCreate.AccountID;
  // Set once, on create, and required: Contact.AccountID is there too.
  const contact = await at.fetchByIds('Contact', [1]).fetchOne();
  const contactAccount: number | undefined = contact?.AccountID;
  // @ts-expect-error a new entity (never stored) holds what was set, if anything -> Type 'string | undefined' is not assignable to type 'string'
  const draftTitle: string = draft.Title;
  // @ts-expect-error a Ticket is not a stored one -> Type 'Ticket' is not assignable to type 'Stored<Ticket>'
  const notStored: Stored<Ticket> = draft;
  const asContact: Contact | undefined = contact;
  void [createdTitle, stored, patchedTitle, accountId, contactAccount, draftTitle, notStored, asContact];
}

/**
 * Over SOAP an update replaces every writable field (Autotask clears what it does not carry), so
 * update() takes only an entity read from the API (Stored<T>, its id known): an object made with
 * at.new() goes through create() first, or its fields through at.patch(). (Over REST an update is a
 * PATCH of what changed: UpdatableOver<'rest'> lets any entity through.)
 */
export async function updateTakesStoredEntities(medium: Ticket['Priority'] & {}, complete: Ticket['Status'] & {}): Promise<void> {
  const fresh = at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: medium, Status: complete });
  // @ts-expect-error never read from the API -> Property 'id' is optional in type 'Ticket' but required in type 'ReadFromAutotask'
  at.update(fresh);
  // @ts-expect-error nor by its own update() -> Property 'id' is optional in type 'Ticket' but required in type 'ReadFromAutotask'
  await fresh.update();
  // @ts-expect-error nor a list of them -> Property 'id' is optional in type 'Ticket' but required in type 'ReadFromAutotask'
  at.update([fresh]);
  const created = await fresh.create();
  await created.update();
  at.update([created, ...(await at.fetchByIds('Ticket', [1]).fetchAll())]);
  await at.patch('Ticket', created.id, { Title: 'y' });
}
