// Compile-time checks of the generated entity classes and their input/query types (type-checked by
// `npm run typecheck`, never run). Each `@ts-expect-error` line must fail to compile: when the
// generator stops catching a mistake, the directive itself becomes the error.
import {
  type Appointment,
  type ContractServiceAdjustment,
  type Currency,
  Resource,
  Ticket,
  type CurrencyQueryFields,
  type EntityMap,
  type TicketCreate,
  type TicketQueryField,
  type TicketQueryFields,
  type TicketUpdate,
} from '../../generated/v1_6/index.js';
import type { EntityMap as EntityMap15 } from '../../generated/v1_5/index.js';
import type { CanCreate, CanDelete, CanQuery, CanUpdate, Stored } from '../../runtime/entity/entity-base.js';
import type { ApiMetadata, FieldType } from '../../runtime/protocol/metadata.js';
import { metadata } from '../../generated/v1_6/metadata.js';

export async function capabilities(ticket: Stored<Ticket>, appointment: Appointment, adjustment: Stored<ContractServiceAdjustment>): Promise<void> {
  await ticket.create();
  await ticket.update();
  await ticket.reload();
  // @ts-expect-error Ticket cannot be deleted (getEntityInfo CanDelete false) -> Ticket cannot be deleted through the API
  await ticket.delete();
  await appointment.delete();
  // @ts-expect-error ContractServiceAdjustment cannot be updated -> ContractServiceAdjustment cannot be updated through the API
  await adjustment.update();
  const queryable: CanQuery = ticket;
  // @ts-expect-error ContractServiceAdjustment cannot be queried -> ContractServiceAdjustment cannot be queried through the API
  const notQueryable: CanQuery = adjustment;
  const creatable: CanCreate & CanUpdate = ticket;
  // @ts-expect-error Ticket is not CanDelete -> Ticket cannot be deleted through the API
  const deletable: CanDelete = ticket;
  void [queryable, notQueryable, creatable, deletable];
}

export async function createCapability(resource: Stored<Resource>): Promise<void> {
  // @ts-expect-error Resource cannot be created (getEntityInfo CanCreate false) -> Resource cannot be created through the API
  await resource.create();
  await resource.update();
  const updatable: CanUpdate & CanQuery = resource;
  // @ts-expect-error Resource is not CanCreate -> Resource cannot be created through the API
  const creatable: CanCreate = resource;
  void [updatable, creatable];
}

export function fields(ticket: Ticket, currency: Currency): void {
  // @ts-expect-error id is read-only -> Cannot assign to 'id' because it is a read-only property
  ticket.id = 5;
  const id: number | undefined = ticket.id;
  ticket.Title = 'Printer offline';
  ticket.Status = 1 as TicketQueryFields['Status'];
  // @ts-expect-error Status is an integer field: a number -> Type 'string' is not assignable to type 'number'
  ticket.Status = '1';
  const created: Date | undefined = ticket.CreateDate;
  // @ts-expect-error DueDateTime is a datetime: a Date -> Type 'string' is not assignable to type 'Date'
  ticket.DueDateTime = '2024-01-01';
  // Decimals stay exact decimal text.
  currency.ExchangeRate = '1.2345678901234567890';
  // @ts-expect-error a decimal is its text, not a number -> Type '1.5' is not assignable to type '`${number}`'
  currency.ExchangeRate = 1.5;
  // @ts-expect-error the text of a number -> Type '"twelve"' is not assignable to type '`${number}`'
  currency.ExchangeRate = 'twelve';
  // @ts-expect-error Ticket has no such field -> Property 'NoSuchField' does not exist on type 'Ticket'
  ticket.NoSuchField = 1;
  void [id, created];
}

export function createInput(): TicketCreate[] {
  const ok: TicketCreate = {
    AccountID: 1,
    DueDateTime: new Date(),
    Priority: 1 as TicketCreate['Priority'],
    Status: 1 as TicketCreate['Status'],
    Title: 'x',
  };
  // @ts-expect-error Title is required -> Property 'Title' is missing
  const missingTitle: TicketCreate = { AccountID: 1, DueDateTime: new Date(), Priority: ok.Priority, Status: ok.Status };
  // @ts-expect-error CreateDate is read-only, so a create input refuses it -> Type 'Date' is not assignable to type '"CreateDate is read-only: the API sets it"'
  const readOnly: TicketCreate = { ...ok, CreateDate: new Date() };
  // @ts-expect-error id is read-only -> 'id' does not exist in type 'TicketCreate'
  const withId: TicketCreate = { ...ok, id: 1 };
  // @ts-expect-error Status is an integer field: a number in a create input too -> Type 'string' is not assignable to type 'number'
  const wrongType: TicketCreate = { ...ok, Status: '1' };
  // @ts-expect-error DueDateTime is a datetime: a Date -> Type 'string' is not assignable to type 'Date'
  const wrongDate: TicketCreate = { ...ok, DueDateTime: '2024-01-01' };
  return [ok, missingTitle, readOnly, withId, wrongType, wrongDate];
}

export function updateInput(): TicketUpdate[] {
  const ok: TicketUpdate = { id: 1, Title: 'renamed' };
  // @ts-expect-error an update names its entity by id -> Property 'id' is missing
  const noId: TicketUpdate = { Title: 'renamed' };
  // @ts-expect-error CreateDate is read-only -> Type 'Date' is not assignable to type '"CreateDate is read-only: the API sets it"'
  const readOnly: TicketUpdate = { id: 1, CreateDate: new Date() };
  // @ts-expect-error DueDateTime is a datetime: a Date in an update too -> Type 'string' is not assignable to type 'Date'
  const wrongType: TicketUpdate = { id: 1, DueDateTime: '2024-01-01' };
  // @ts-expect-error ids are numbers -> Type 'string' is not assignable to type 'number'
  const stringId: TicketUpdate = { id: '1', Title: 'renamed' };
  return [ok, noId, readOnly, wrongType, stringId];
}

export function queryFields(): unknown[] {
  const status: TicketQueryField = 'Status';
  const created: TicketQueryField = 'CreateDate';
  // @ts-expect-error CreatorType is not queryable -> Type '"CreatorType"' is not assignable to type 'keyof TicketQueryFields'
  const notQueryable: TicketQueryField = 'CreatorType';
  // @ts-expect-error Ticket has no such field -> Type '"NoSuchField"' is not assignable to type 'keyof TicketQueryFields'
  const unknown: TicketQueryField = 'NoSuchField';
  const statusValue: TicketQueryFields['Status'] = 1 as TicketQueryFields['Status'];
  // @ts-expect-error Status values are numbers -> Type 'string' is not assignable to type 'number'
  const wrongValue: TicketQueryFields['Status'] = '1';
  const dateValue: TicketQueryFields['CreateDate'] = new Date();
  return [status, created, notQueryable, unknown, statusValue, wrongValue, dateValue];
}

/** The value type of a query field follows the field's type, for each kind of type. */
export function queryValueTypes(): unknown[] {
  const date: TicketQueryFields['CreateDate'] = new Date();
  // @ts-expect-error a datetime field compares with a Date, not its text -> Type 'string' is not assignable to type 'Date'
  const dateText: TicketQueryFields['CreateDate'] = '2024-01-01 00:00:00';
  const flag: TicketQueryFields['ServiceLevelAgreementHasBeenMet'] = true;
  // @ts-expect-error a boolean field compares with a boolean -> Type 'string' is not assignable to type 'boolean'
  const flagText: TicketQueryFields['ServiceLevelAgreementHasBeenMet'] = 'true';
  const hours: TicketQueryFields['EstimatedHours'] = 1.5;
  // @ts-expect-error a double field compares with a number -> Type 'string' is not assignable to type 'number'
  const hoursText: TicketQueryFields['EstimatedHours'] = '1.5';
  const title: TicketQueryFields['Title'] = 'Printer offline';
  // @ts-expect-error a string field compares with a string -> Type 'number' is not assignable to type 'string'
  const titleNumber: TicketQueryFields['Title'] = 5;
  // Decimals compare with their exact decimal text, as they are held.
  const rate: CurrencyQueryFields['ExchangeRate'] = '1.2345678901234567890';
  // @ts-expect-error a decimal field compares with decimal text, not a number -> Type '1.5' is not assignable to type '`${number}`'
  const rateNumber: CurrencyQueryFields['ExchangeRate'] = 1.5;
  return [date, dateText, flag, flagText, hours, hoursText, title, titleNumber, rate, rateNumber];
}

/** The generated constructor takes the create input, as at.new() does (EntityBase's took any object). */
export function constructors(due: Date, priority: TicketCreate['Priority'], status: TicketCreate['Status']): unknown[] {
  const values: TicketCreate = { Title: 'x', AccountID: 0, DueDateTime: due, Priority: priority, Status: status };
  const complete = new Ticket(values);
  // @ts-expect-error a misspelt field -> 'Titel' does not exist in type 'TicketCreate'
  const misspelt = new Ticket({ Titel: 'x' });
  // @ts-expect-error a read-only field -> Type 'Date' is not assignable to type '"CreateDate is read-only: the API sets it"'
  const readOnly = new Ticket({ ...values, CreateDate: due });
  // @ts-expect-error an incomplete create input -> is missing the following properties from type 'TicketCreate'
  const incomplete = new Ticket({ Title: 'x' });
  // Resources are not created through the API: some of their writable fields.
  const resource = new Resource({ Email: 'ada@example.com' });
  return [complete, misspelt, readOnly, incomplete, resource];
}

export function entityMaps(): unknown[] {
  const ticket: EntityMap['Ticket']['entity'] = new Ticket();
  const contactGroup: EntityMap['ContactGroup']['create'] = { Name: 'x', Active: true };
  // @ts-expect-error the 1.5 WSDL does not declare ContactGroup -> Property 'ContactGroup' does not exist on type 'EntityMap'
  type Missing = EntityMap15['ContactGroup'];
  const apiMetadata: ApiMetadata = metadata;
  // The metadata's declared type knows each entity's fields by name and what the API allows on it;
  // each field's own metadata is the general FieldMeta.
  const fieldType: FieldType = metadata.entities.Ticket.fields.id.type;
  const canDelete: false = metadata.entities.Ticket.canDelete;
  // @ts-expect-error a misspelt field -> Property 'Titel' does not exist on type
  const misspelt = metadata.entities.Ticket.fields.Titel;
  const entityName: 'Ticket' = Ticket.entityName;
  return [ticket, contactGroup, undefined as unknown as Missing, apiMetadata, fieldType, canDelete, misspelt, entityName];
}
