/**
 * Compile-time checks of the client's typing (checked by `npm run typecheck`, never run): each
 * `@ts-expect-error` line must fail to compile, and the line beside it must compile.
 */
import { Query, type Connection, type PicklistValueOf, type Stored } from '../../runtime/index.js';
import type { Resource, Ticket } from '../../generated/v1_6/index.js';
import type { EntityMap as EntityMap15, Ticket as Ticket15 } from '../../generated/v1_5/index.js';

declare const at: Connection<'1.6'>;
declare const at15: Connection<'1.5'>;
declare const ticket: Ticket;
declare const resource: Stored<Resource>;
declare const stored: Stored<Ticket>;
// Picklist values as a program gets them from at.picklist() (see picklist-values.ts).
declare const complete: PicklistValueOf<Ticket, 'Status'>;
declare const medium: PicklistValueOf<Ticket, 'Priority'>;

export async function checks(): Promise<void> {
  // Queries: queryable fields only, values of the field's type.
  new Query('Ticket').where('Status', 'Equals', complete).or('Title', Query.Contains, 'printer');
  // @ts-expect-error: no such field on Ticket -> Argument of type '"NoSuchField"' is not assignable to parameter of type
  new Query('Ticket').where('NoSuchField', 'Equals', 1);
  // @ts-expect-error: Status holds a picklist value, not a label -> Argument of type 'string' is not assignable to parameter of type 'PicklistValue<"Ticket.Status">'
  new Query('Ticket').where('Status', 'Equals', 'Complete');
  new Query('Ticket').where('CreateDate', 'GreaterThan', new Date());
  // @ts-expect-error: a date field takes a Date -> Argument of type 'number' is not assignable to parameter of type 'Date'
  new Query('Ticket').where('CreateDate', 'GreaterThan', 5);
  // Any name is allowed as a UDF.
  new Query('Ticket').where('NoSuchField', 'Equals', 'x', { udf: true });
  new Query('Ticket').where('Title', 'IsNull');
  // @ts-expect-error: IsNull takes no value -> Expected 2 arguments, but got 3
  new Query('Ticket').where('Title', 'IsNull', 'x');
  // @ts-expect-error: not an operator -> Argument of type '"Equal"' is not assignable to parameter of type 'StringFieldOperator'
  new Query('Ticket').where('Title', 'Equal', 'x');
  // @ts-expect-error: not an entity -> Argument of type '"Tickets"' is not assignable to parameter of type
  new Query('Tickets');
  // Only entities the API lets one query: ContractServiceAdjustment can be created, never queried.
  // @ts-expect-error: ContractServiceAdjustment is not queryable -> Argument of type '"ContractServiceAdjustment"' is not assignable to parameter of type
  new Query('ContractServiceAdjustment');
  // @ts-expect-error: nor in 1.5 -> Type '"ContractServiceAdjustment"' does not satisfy the constraint
  new Query<'ContractServiceAdjustment', EntityMap15>('ContractServiceAdjustment');
  new Query<'Ticket', EntityMap15>('Ticket').where('Status', 'Equals', 5 as PicklistValueOf<Ticket15, 'Status'>);
  new Query('ContractService').where('id', 'GreaterThan', 0);
  new Query('Resource').where('Active', 'Equals', true);

  // Cursors are typed by the entity.
  const first: Ticket | undefined = await at.query(new Query('Ticket').where('id', 'GreaterThan', 0)).fetchOne();
  for await (const t of at.query(new Query('Ticket').where('id', 'GreaterThan', 0))) {
    const status: number | undefined = t.Status;
    void status;
  }
  void first;
  const fromV15: Ticket15[] = await at15.fetchByIds('Ticket', [1, 2]).fetchAll();
  void fromV15;
  // @ts-expect-error: ContractServiceAdjustment cannot be queried, so neither fetched by id -> Argument of type '"ContractServiceAdjustment"' is not assignable to parameter of type
  at.fetchByIds('ContractServiceAdjustment', [1]);
  // @ts-expect-error: nor in 1.5 -> Argument of type '"ContractServiceBundleAdjustment"' is not assignable to parameter of type
  at15.fetchByIds('ContractServiceBundleAdjustment', [1]);
  // @ts-expect-error: a query of it does not compile on a connection either (the Query itself is refused) -> Argument of type '"ContractServiceAdjustment"' is not assignable to parameter of type
  at.query(new Query('ContractServiceAdjustment'));
  // @ts-expect-error: nor through queries() -> Argument of type '"ContractServiceBundleAdjustment"' is not assignable to parameter of type
  at.queries([new Query('ContractServiceBundleAdjustment')]);
  const resources: Resource[] = await at.fetchByIds('Resource', [1]).fetchAll();
  const contractServices = await at.queries([new Query('ContractService').where('id', 'GreaterThan', 0)]).fetchAll();
  // Queries of several entities run as one cursor, which yields either.
  const mixed = await at.queries([new Query('Ticket').where('id', 'GreaterThan', 0), new Query('Account').where('id', 'GreaterThan', 0)]).fetchOne();
  const mixedId: number | undefined = mixed?.id;
  // @ts-expect-error: either entity, so a Ticket field is not known to be there -> Property 'Title' does not exist on type
  void mixed?.Title;
  void resources;
  void contractServices;
  void mixedId;
  // Creating one is allowed.
  at.create(at.new('ContractServiceAdjustment'));

  // Create, update, delete only where the entity allows them.
  at.create(ticket);
  at.update(stored);
  at.update([stored, stored]);
  at.update(at.query(new Query('Ticket').where('id', 'GreaterThan', 0)));
  // @ts-expect-error: Tickets cannot be deleted through the API -> Ticket cannot be deleted through the API
  at.delete(ticket);
  // @ts-expect-error: Resources cannot be created through the API -> Resource cannot be created through the API
  at.create(resource);
  at.update(resource);

  // at.patch reads, then updates: the entity must allow both.
  await at.patch('Ticket', 1, { Title: 'x' });
  // @ts-expect-error: AttachmentInfo is queried, never updated -> Argument of type '"AttachmentInfo"' is not assignable to parameter of type
  await at.patch('AttachmentInfo', 1, {});
  // @ts-expect-error: ContractServiceAdjustment is created, never read -> Argument of type '"ContractServiceAdjustment"' is not assignable to parameter of type
  await at.patch('ContractServiceAdjustment', 1, {});

  // Bound entities: methods only where allowed.
  const created = at.new('Ticket', { Title: 'x', AccountID: 0, DueDateTime: new Date(), Priority: medium, Status: complete });
  await created.create();
  // @ts-expect-error: Ticket has no delete -> Ticket cannot be deleted through the API
  await created.delete();
  // @ts-expect-error: Title is a string -> Type 'number' is not assignable to type 'string'
  at.new('Ticket', { Title: 5 });

  // Picklists typed by the metadata.
  const tp = await at.picklist('Ticket');
  const completeValue: number = tp.Status['Complete'] ?? 0;
  const label: string | undefined = tp.Status.reverseLookup(complete);
  const mouse: number | undefined = tp.SubIssueType['Hardware Failure']?.['Mouse'];
  void completeValue;
  void label;
  void mouse;
  // @ts-expect-error: Title is not a picklist -> Property 'Title' does not exist on type
  void tp.Title;

  // The package's own modules are generated without a live pull: labels and UDF names are any
  // string, as they were before tenant typing (test/types/tenant/ has the tenant's side).
  const anyLabel: number = tp.Status.get('A label of some tenant');
  const anyChild: number = tp.SubIssueType.get('Some parent').get('Some child');
  const anyUdf: string | null | undefined = ticket.getUdf('A UDF of some tenant');
  ticket.setUdf('Another UDF', null).setUdf('A third UDF', 'x');
  new Query('Ticket').where('Some UDF', 'GreaterThan', 5, { udf: true }).or('Some UDF', 'IsNull', undefined, { udf: true });
  const all = await at.picklist('Ticket', { includeInactive: true });
  void [anyLabel, anyChild, anyUdf, all.Status.get('Retired label')];
}
