// Compile-time checks (issue 13): `connect({ api })` types the connection by the module given (its
// own entity map and metadata, through the type of its `entityClasses`), not by the versions the
// program registered. See entity-read-write.ts for the "->".
import { connect, Query, type Connection } from '../../runtime/index.js';
import * as api15 from '../../generated/v1_5/index.js';
import * as api16 from '../../generated/v1_6/index.js';

export async function typedByTheModule(password: string): Promise<void> {
  // 1.5 needs no integration code, and the module says its version.
  const at = await connect({ username: 'u', password, api: api15 });
  const version: '1.5' = at.apiVersion;
  const typed: Connection<typeof api15> = at;
  const ticket: api15.Ticket = at.new('Ticket');
  // @ts-expect-error a 1.5 module's class is not 1.6's -> /v1_5/entities/Ticket"
  const other: api16.Ticket = at.new('Ticket');
  // @ts-expect-error nor are its fields (1.5: metadata 1.6.1's double; 1.6.8: a decimal) -> Type 'number' is not assignable to type '`${number}`'
  const otherHours: api16.Ticket['HoursToBeScheduled'] = ticket.HoursToBeScheduled;
  // @ts-expect-error an entity of 1.6 only, on a connection of the 1.5 module -> Argument of type '"ContactGroup"' is not assignable
  at.new('ContactGroup');
  const found: api15.Ticket | undefined = await at.query(new Query<'Ticket', api15.EntityMap>('Ticket').where('id', 'GreaterThan', 0)).fetchOne();
  const status: number | undefined = at.metadata.entities.Ticket.fields.Status.picklist ? 1 : undefined;
  void [version, typed, ticket, other, otherHours, found, status];
}

export async function optionsFollowTheModule(password: string): Promise<void> {
  await connect({ username: 'u', password, integrationCode: 'C', api: api16 });
  await connect({ username: 'u', password, integrationCode: 'C', api: api16, apiVersion: '1.6' });
  // @ts-expect-error a 1.6 module needs an integration code -> Property 'integrationCode' is missing
  await connect({ username: 'u', password, api: api16 });
  // @ts-expect-error the version must be the module's -> Type '"1.6"' is not assignable to type '"1.5"'
  await connect({ username: 'u', password, integrationCode: 'C', api: api15, apiVersion: '1.6' });
}
