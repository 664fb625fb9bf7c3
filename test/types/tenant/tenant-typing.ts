// Compile-time checks (issue 13) of a module generated from a tenant's live pull: the pulled picklist
// labels and UDF names are types, so a wrong one does not compile. This file is not part of the
// project's type-check (tsconfig.json leaves test/types/tenant out): test/unit/types/tenant-typing.test.ts
// pulls the simulator live, generates the module into a temporary folder as `./v1_6/`, compiles this
// file beside it, and checks each `@ts-expect-error` fails with the message after "->" (as
// probe-reasons.test.ts does for test/types/); then compiles it against the same module generated
// without the pulled values, where every probed line must compile (labels and UDF names any string).
import { connect, Query, type Connection, type NumericText, type PicklistValue } from 'atws';
import * as tenant from './v1_6/index.js';

declare const at: Connection<typeof tenant>;
declare const ticket: tenant.Ticket;
declare const account: tenant.Account;

export async function connected(password: string): Promise<Connection<typeof tenant>> {
  return connect({ username: 'api@example.com', password, integrationCode: 'C', api: tenant });
}

export async function picklistLabels(): Promise<number[]> {
  const tp = await at.picklist('Ticket');
  const complete: number = tp.Status.get('Complete');
  // A label the tenant has is a property, never undefined.
  const inProgress: number = tp.Status['In Progress'];
  // @ts-expect-error a label the tenant does not have -> Argument of type '"Complte"' is not assignable to parameter of type
  tp.Status.get('Complte');
  // @ts-expect-error nor as a property -> Property 'Complte' does not exist on type
  void tp.Status.Complte;
  // @ts-expect-error an inactive value is not among the labels of at.picklist() -> Argument of type '"On Hold (retired)"' is not assignable
  tp.Status.get('On Hold (retired)');
  // Child picklists by the parent's label.
  const mouse: number = tp.SubIssueType.get('Hardware Failure').get('Mouse');
  const vpn: number = tp.SubIssueType['Network'].VPN;
  // @ts-expect-error a child label under another parent -> Argument of type '"Mouse"' is not assignable to parameter of type
  tp.SubIssueType.get('Software').get('Mouse');
  // @ts-expect-error a parent label the tenant does not have -> Argument of type '"Hardware"' is not assignable to parameter of type
  tp.SubIssueType.get('Hardware');
  const ap = await at.picklist('Account');
  // @ts-expect-error another entity's labels -> Argument of type '"Complete"' is not assignable to parameter of type
  ap.AccountType.get('Complete');
  // With includeInactive the picklist holds more than the types know: any label.
  const all = await at.picklist('Ticket', { includeInactive: true });
  const retired: number = all.Status.get('On Hold (retired)');
  return [complete, inProgress, mouse, vpn, retired];
}

export async function picklistValues(): Promise<void> {
  const tp = await at.picklist('Ticket');
  // The tenant's values of a field are known: a value is one of them (a switch over them is exhaustive).
  const status: tenant.TicketPicklistValues['Status'] | undefined = ticket.Status;
  ticket.Status = tp.Status.get('Complete');
  // @ts-expect-error a value the tenant's Status does not have -> is not assignable to type 'PicklistValue<"Ticket.Status",
  ticket.Status = 999 as PicklistValue<'Ticket.Status'>;
  void status;
}

export function udfNames(): void {
  ticket.getUdf('Room');
  ticket.setUdf('Asset Tag', 'A-1').setUdf('Customer Mood', null);
  ticket.set('Room', '12B');
  const mood: string | null | undefined = ticket.get('Customer Mood');
  account.setUdf('Region', '1');
  void mood;
  // @ts-expect-error a UDF the tenant does not have -> Argument of type '"Rooom"' is not assignable to parameter of type
  ticket.getUdf('Rooom');
  // @ts-expect-error nor to set -> Argument of type '"Rooom"' is not assignable to parameter of type
  ticket.setUdf('Rooom', 'x');
  // @ts-expect-error another entity's UDF -> Argument of type '"Region"' is not assignable to parameter of type
  ticket.getUdf('Region');
  // @ts-expect-error get() falls back to UDFs: only the tenant's -> Argument of type '"Rooom"' is not assignable to parameter of type
  ticket.get('Rooom');
  // @ts-expect-error set() too -> Rooom is neither a field nor a user-defined field of this entity
  ticket.set('Rooom', 'x');
}

/**
 * A UDF's value is the API's text, typed by the UDF's data type as pulled: a number UDF's is the text
 * of a number, a picklist UDF's one of its values (not a label); a query compares a number UDF with
 * numbers and the numeric operators, a date UDF with dates (they were text to get/set and numbers
 * or dates to queries, and a decimal UDF took BeginsWith).
 */
export function udfValues(): void {
  const hours: NumericText | null | undefined = ticket.getUdf('Hours Spent');
  ticket.setUdf('Hours Spent', '1.5').set('Budget', '1200.00');
  // @ts-expect-error a number UDF holds the text of a number -> Argument of type '"one and a half"' is not assignable to parameter of type
  ticket.setUdf('Hours Spent', 'one and a half');
  ticket.setUdf('Customer Mood', '1');
  // @ts-expect-error a picklist UDF holds one of its values, not a label -> Argument of type '"Happy"' is not assignable to parameter of type
  ticket.setUdf('Customer Mood', 'Happy');
  // @ts-expect-error nor through set() -> Argument of type '"North"' is not assignable to parameter of type
  account.set('Region', 'North');
  const q = new tenant.Query('Ticket');
  q.where('Hours Spent', 'GreaterThan', 1.5, { udf: true })
    .or('Budget', 'LessThan', '1000', { udf: true })
    .or('Follow Up', 'GreaterThan', new Date(), { udf: true });
  // @ts-expect-error a decimal UDF compares as a number -> Argument of type '"BeginsWith"' is not assignable to parameter of type 'NumericFieldOperator'
  q.where('Budget', 'BeginsWith', '1', { udf: true });
  // @ts-expect-error a date UDF compares as a date -> Argument of type '"Contains"' is not assignable to parameter of type 'DateFieldOperator'
  q.where('Follow Up', 'Contains', '2024', { udf: true });
  // @ts-expect-error a picklist UDF compares with its values -> Argument of type '"Happy"' is not assignable to parameter of type
  q.where('Customer Mood', 'Equals', 'Happy', { udf: true });
  void hours;
}

export function udfQueries(): void {
  const q = (): Query<'Ticket', tenant.EntityMap> => new Query<'Ticket', tenant.EntityMap>('Ticket');
  at.query(q().where('Room', 'BeginsWith', '12', { udf: true }).or('Asset Tag', 'IsNull', undefined, { udf: true }));
  // @ts-expect-error a UDF the tenant does not have -> Argument of type '"Rooom"' is not assignable to parameter of type 'QueryUdfName<"Ticket", EntityMap>'
  q().where('Rooom', 'Equals', '12', { udf: true });
  // @ts-expect-error nor in and() -> Argument of type '"Rooom"' is not assignable to parameter of type 'QueryUdfName<"Ticket", EntityMap>'
  q().and('Rooom', 'IsNotNull', undefined, { udf: true });
  // @ts-expect-error a text UDF compared with a number -> Argument of type 'number' is not assignable to parameter of type 'string'
  q().where('Room', 'Equals', 12, { udf: true });
}

export function moduleQuery(): void {
  // The module's own Query: typed by its entities without type arguments, the same class as atws's.
  const q: Query<'Ticket', tenant.EntityMap> = new tenant.Query('Ticket').where('Room', 'BeginsWith', '12', { udf: true });
  const same: tenant.Query<'Ticket'> = new Query<'Ticket', tenant.EntityMap>('Ticket');
  const greater: 'GreaterThan' = tenant.Query.GreaterThan;
  // @ts-expect-error its UDF names are the tenant's -> Argument of type '"Rooom"' is not assignable to parameter of type 'QueryUdfName<"Ticket", EntityMap>'
  new tenant.Query('Ticket').where('Rooom', 'Equals', '12', { udf: true });
  void [q, same, greater, q instanceof tenant.Query];
}

export function connectionQueries(): void {
  // at.newQuery() is typed by the connection's module: no type arguments to spell out.
  const q: Query<'Ticket', tenant.EntityMap> = at.newQuery('Ticket').where('IssueType', 'IsNotNull');
  at.query(at.newQuery('Ticket').where('Room', 'BeginsWith', '12', { udf: true }));
  // @ts-expect-error its UDF names are the tenant's -> Argument of type '"Rooom"' is not assignable to parameter of type 'QueryUdfName<"Ticket", EntityMap>'
  at.newQuery('Ticket').where('Rooom', 'Equals', '12', { udf: true });
  void q;
}
