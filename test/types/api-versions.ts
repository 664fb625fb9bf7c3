// Compile-time checks (issue 14): the API version is part of the types, and connect() needs an
// integration code for 1.6. See entity-read-write.ts for the "->".
import { connect, Query, type Connection, type PicklistValueOf, type Stored } from '../../runtime/index.js';
import type { Ticket } from '../../generated/v1_6/index.js';
import { Ticket as Ticket15, type EntityMap as EntityMap15 } from '../../generated/v1_5/index.js';

declare const at: Connection<'1.6'>;
declare const at15: Connection<'1.5'>;
declare const ticket: Ticket;
declare const ticket15: Stored<Ticket15>;

export async function versions(): Promise<void> {
  at15.query(new Query<'Ticket', EntityMap15>('Ticket').where('id', 'GreaterThan', 0));
  // @ts-expect-error a 1.6 query (the default) on a 1.5 connection -> Type '"1.6"' is not assignable to type '"1.5"'
  at15.query(new Query('Ticket').where('id', 'GreaterThan', 0));
  // @ts-expect-error a 1.5 query on a 1.6 connection -> Type '"1.5"' is not assignable to type '"1.6"'
  at.query(new Query<'Ticket', EntityMap15>('Ticket'));
  new Query('Ticket').where('CurrentServiceThermometerRating', 'Equals', 1 as PicklistValueOf<Ticket, 'CurrentServiceThermometerRating'>);
  // @ts-expect-error a 1.6-only field in a 1.5 query -> Argument of type '"CurrentServiceThermometerRating"' is not assignable
  new Query<'Ticket', EntityMap15>('Ticket').where('CurrentServiceThermometerRating', 'Equals', 1);
  at15.update(ticket15);
  at15.update(await at15.fetchByIds('Ticket', [1]).fetchAll());
  // @ts-expect-error a 1.6 entity on a 1.5 connection -> Type '"1.6"' is not assignable to type '"1.5"'
  at15.update(ticket);
  // @ts-expect-error a 1.5 entity (of the 1.5 class) on a 1.6 connection -> Type '"1.5"' is not assignable to type '"1.6"'
  at.create(new Ticket15());
  // @ts-expect-error the entity types differ too (1.5 keeps metadata 1.6.1's double, 1.6.8 holds a decimal) -> Type 'number' is not assignable to type '`${number}`'
  const mixed: Ticket['HoursToBeScheduled'] = ticket15.HoursToBeScheduled;
  void mixed;
}

export async function integrationCode(password: string): Promise<void> {
  await connect({ username: 'u', password, integrationCode: 'C' });
  await connect({ username: 'u', password, apiVersion: '1.5' });
  // @ts-expect-error API 1.6 (the default) needs an integration code -> Property 'integrationCode' is missing
  await connect({ username: 'u', password });
  // @ts-expect-error nor when asked for by name -> Property 'integrationCode' is missing
  await connect({ username: 'u', password, apiVersion: '1.6' });
}
