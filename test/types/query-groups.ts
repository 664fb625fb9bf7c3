// Compile-time checks: groups balanced by construction, as Kysely's eb.or([...]): where/and/or take a
// function that fills a fresh query of the same entity, typed like it (openBracket/closeBracket stay,
// and cannot be checked). See entity-read-write.ts for the "->".
import { Query, type PicklistValueOf } from '../../runtime/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';

declare const complete: PicklistValueOf<Ticket, 'Status'>;
declare const nonWork: PicklistValueOf<Ticket, 'IssueType'>;

export function groups(): Query<'Ticket'> {
  // SELECT * FROM Ticket WHERE id > 5667 AND (Status = Complete OR IssueType = Non Work Issues)
  const seed = new Query('Ticket').where('id', 'GreaterThan', 5667).and((q) => q.or('Status', 'Equals', complete).or('IssueType', 'Equals', nonWork));
  new Query('Ticket')
    .where((q) => q.where('Title', 'IsNull').or('Title', 'Equals', ''))
    .or((q) => q.where('Room', 'BeginsWith', '12', { udf: true }));
  // @ts-expect-error a group's fields are the query's -> Argument of type '"Titel"' is not assignable to parameter of type
  new Query('Ticket').and((q) => q.where('Titel', 'Equals', 'x'));
  // @ts-expect-error its values too -> Argument of type 'number' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  new Query('Ticket').or((q) => q.where('Status', 'Equals', 5));
  // @ts-expect-error a group is of the query's entity -> Type 'Query<"Account"
  new Query('Ticket').and(() => new Query('Account').where('id', 'GreaterThan', 0));
  return seed;
}
