// Compile-time checks: a connection's type knows its transport (`connect({ transport: 'rest' })` is
// a `Connection<'1.6', 'rest'>`). Over SOAP an update replaces every writable field, so only an
// entity read from the API may be sent; over REST an update is a PATCH of what changed, so an
// object made by hand may be sent (its id is checked at run time). REST has no Like, NotLike or
// SoundsLike, so a REST connection refuses a query that uses them (the run time refuses it too,
// before sending). See entity-read-write.ts for the "->".
import { connect, Query, type Connection, type PicklistValueOf } from '../../runtime/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';

declare const rest: Connection<'1.6', 'rest'>;
declare const soap: Connection<'1.6'>;
declare const either: Connection<'1.6', 'soap' | 'rest'>;
declare const ticket: Ticket;
declare const medium: PicklistValueOf<Ticket, 'Priority'>;
declare const complete: PicklistValueOf<Ticket, 'Status'>;

export async function transportFromOptions(password: string, transport: 'soap' | 'rest'): Promise<void> {
  const overRest: Connection<'1.6', 'rest'> = await connect({ username: 'u', password, integrationCode: 'C', transport: 'rest' });
  const overSoap: Connection<'1.6', 'soap'> = await connect({ username: 'u', password, integrationCode: 'C' });
  const named: Connection<'1.6'> = await connect({ username: 'u', password, integrationCode: 'C', transport: 'soap' });
  const unknown: Connection<'1.6', 'soap' | 'rest'> = await connect({ username: 'u', password, integrationCode: 'C', transport });
  // @ts-expect-error a REST connection is not a SOAP one -> Type '"rest"' is not assignable to type '"soap"'
  const notSoap: Connection<'1.6'> = await connect({ username: 'u', password, integrationCode: 'C', transport: 'rest' });
  void [overRest, overSoap, named, unknown, notSoap];
}

export async function updateByTransport(): Promise<void> {
  const fresh = rest.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: medium, Status: complete });
  // Over REST an object never read may be updated: a PATCH carries what it holds.
  rest.update(fresh);
  rest.update([ticket]);
  await fresh.update();
  const soapFresh = soap.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: medium, Status: complete });
  // @ts-expect-error over SOAP it would clear every field it lacks -> Property 'id' is optional in type 'Ticket' but required in type 'ReadFromAutotask'
  soap.update(ticket);
  // @ts-expect-error nor by its own update() -> Property 'id' is optional in type 'Ticket' but required in type 'ReadFromAutotask'
  await soapFresh.update();
  // @ts-expect-error nor one made on a REST connection -> Property 'id' is optional in type
  soap.update(fresh);
  // @ts-expect-error a transport the type does not know: what SOAP needs -> Property 'id' is optional in type 'Ticket' but required in type 'ReadFromAutotask'
  either.update(ticket);
  const stored = await rest.fetchByIds('Ticket', [1]).fetchAll();
  soap.update(stored);
  either.update(stored);
}

const NOT_REST = 'Like, NotLike and SoundsLike are not operators of the REST API';

export function operatorsByTransport(): void {
  rest.query(new Query('Ticket').where('Title', 'BeginsWith', 'x').or((q) => q.where('Title', 'Contains', 'y')));
  soap.query(new Query('Ticket').where('Title', 'Like', '%x%').or('Title', 'SoundsLike', 'printr'));
  rest.query(rest.newQuery('Ticket').where('Title', 'Equals', 'x'));
  // @ts-expect-error Like -> Type '"Like"' is not assignable to type '"Like, NotLike and SoundsLike are not operators of the REST API"'
  rest.query(new Query('Ticket').where('Title', 'Like', '%x%'));
  // @ts-expect-error NotLike, after other conditions -> Type '"NotLike"' is not assignable to type '"Like, NotLike and SoundsLike are not operators of the REST API"'
  rest.query(new Query('Ticket').where('id', 'GreaterThan', 0).or('Title', 'NotLike', '%x%').and('Title', 'IsNotNull'));
  // @ts-expect-error SoundsLike in a group -> Type '"SoundsLike"' is not assignable to type '"Like, NotLike and SoundsLike are not operators of the REST API"'
  rest.query(new Query('Ticket').where('id', 'GreaterThan', 0).and((q) => q.or('Title', 'SoundsLike', 'printr').or('Title', 'Equals', 'x')));
  // @ts-expect-error on a user-defined field -> Type '"Like"' is not assignable to type '"Like, NotLike and SoundsLike are not operators of the REST API"'
  rest.query(rest.newQuery('Ticket').where('Room', 'Like', '12%', { udf: true }));
  // @ts-expect-error nor through queries() -> Type '"Like"' is not assignable to type '"Like, NotLike and SoundsLike are not operators of the REST API"'
  rest.queries([new Query('Ticket').where('id', 'GreaterThan', 0), new Query('Account').where('AccountName', 'Like', 'A%')]);
  // @ts-expect-error a transport the type does not know: what REST allows -> Type '"Like"' is not assignable to type '"Like, NotLike and SoundsLike are not operators of the REST API"'
  either.query(new Query('Ticket').where('Title', 'Like', '%x%'));
  void NOT_REST;
}
