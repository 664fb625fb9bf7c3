// Compile-time messages that say what is wrong: a field that is not queryable (or misspelt), a
// read-only field in a create input, and picklists printed by a name instead of their literal type.
// See entity-read-write.ts for the "->".
import { Query, type Connection, type PicklistValueOf } from '../../runtime/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';

declare const at: Connection<'1.6'>;
declare const medium: PicklistValueOf<Ticket, 'Priority'>;
declare const complete: PicklistValueOf<Ticket, 'Status'>;

export function queryFields(): void {
  new Query('Ticket').where('Title', 'Equals', 'x').or('id', 'IsNotNull');
  // prettier-ignore
  // @ts-expect-error a misspelt field -> Argument of type '"Titel"' is not assignable to parameter of type '"Titel is not a queryable field of Ticket"'
  new Query('Ticket').where('Titel', 'Equals', 'x');
  // prettier-ignore
  // @ts-expect-error the case differs -> Argument of type '"title"' is not assignable to parameter of type '"title is not a queryable field of Ticket: did you mean Title?"'
  new Query('Ticket').where('title', 'Equals', 'x');
  // prettier-ignore
  // @ts-expect-error a field the API does not query -> Argument of type '"CreatorType"' is not assignable to parameter of type '"CreatorType is a field of Ticket the API does not query"'
  new Query('Ticket').where('CreatorType', 'Equals', 1);
  // prettier-ignore
  // @ts-expect-error the same in or() -> Argument of type '"Titel"' is not assignable to parameter of type '"Titel is not a queryable field of Ticket"'
  new Query('Ticket').where('id', 'GreaterThan', 0).or('Titel', 'IsNull');
}

export function readOnlyInCreate(due: Date): void {
  at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: due, Priority: medium, Status: complete });
  // prettier-ignore
  // @ts-expect-error the API fills CreateDate -> Type 'Date' is not assignable to type '"CreateDate is read-only: the API sets it"'
  at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: due, Priority: medium, Status: complete, CreateDate: due });
}

export async function picklistNames(): Promise<void> {
  const tp = await at.picklist('Ticket');
  const value: number = tp.Status.get('Complete');
  // @ts-expect-error the picklists of an entity print by name -> Type 'TicketPicklists' is not assignable to type 'number'
  const wrong: number = tp;
  void [value, wrong];
}
