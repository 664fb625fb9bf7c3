// Compile-time checks of the generated entity classes and their input/query types (type-checked by
// `npm run typecheck`, never run). Each `@ts-expect-error` line must fail to compile: when the
// generator stops catching a mistake, the directive itself becomes the error.
import {
  Appointment,
  ContractServiceAdjustment,
  Currency,
  Ticket,
  type EntityMap,
  type TicketCreate,
  type TicketQueryField,
  type TicketQueryFields,
  type TicketUpdate,
} from '../../generated/v1_6/index.js';
import type { EntityMap as EntityMap15 } from '../../generated/v1_5/index.js';
import type { CanCreate, CanDelete, CanQuery, CanUpdate } from '../../runtime/entity/entity-base.js';
import type { ApiMetadata } from '../../runtime/metadata.js';
import { metadata } from '../../generated/v1_6/metadata.js';

export async function capabilities(ticket: Ticket, appointment: Appointment, adjustment: ContractServiceAdjustment): Promise<void> {
  await ticket.create();
  await ticket.update();
  await ticket.reload();
  // @ts-expect-error Ticket cannot be deleted (getEntityInfo CanDelete false)
  await ticket.delete();
  await appointment.delete();
  // @ts-expect-error ContractServiceAdjustment cannot be updated
  await adjustment.update();
  const queryable: CanQuery = ticket;
  // @ts-expect-error ContractServiceAdjustment cannot be queried
  const notQueryable: CanQuery = adjustment;
  const creatable: CanCreate & CanUpdate = ticket;
  // @ts-expect-error Ticket is not CanDelete
  const deletable: CanDelete = ticket;
  void [queryable, notQueryable, creatable, deletable];
}

export function fields(ticket: Ticket, currency: Currency): void {
  // @ts-expect-error id is read-only
  ticket.id = 5;
  const id: number | undefined = ticket.id;
  ticket.Title = 'Printer offline';
  ticket.Status = 1;
  // @ts-expect-error Status is an integer field: a number
  ticket.Status = '1';
  const created: Date | undefined = ticket.CreateDate;
  // @ts-expect-error DueDateTime is a datetime: a Date
  ticket.DueDateTime = '2024-01-01';
  // Decimals stay exact decimal text.
  currency.ExchangeRate = '1.2345678901234567890';
  // @ts-expect-error a decimal is a string, not a number
  currency.ExchangeRate = 1.5;
  // @ts-expect-error Ticket has no such field
  ticket.NoSuchField = 1;
  void [id, created];
}

export function createInput(): TicketCreate[] {
  const ok: TicketCreate = { AccountID: 1, DueDateTime: new Date(), Priority: 1, Status: 1, Title: 'x' };
  // @ts-expect-error Title is required
  const missingTitle: TicketCreate = { AccountID: 1, DueDateTime: new Date(), Priority: 1, Status: 1 };
  // @ts-expect-error CreateDate is read-only, so a create input has no such field
  const readOnly: TicketCreate = { ...ok, CreateDate: new Date() };
  // @ts-expect-error id is read-only
  const withId: TicketCreate = { ...ok, id: 1 };
  return [ok, missingTitle, readOnly, withId];
}

export function updateInput(): TicketUpdate[] {
  const ok: TicketUpdate = { id: 1, Title: 'renamed' };
  // @ts-expect-error an update names its entity by id
  const noId: TicketUpdate = { Title: 'renamed' };
  // @ts-expect-error CreateDate is read-only
  const readOnly: TicketUpdate = { id: 1, CreateDate: new Date() };
  return [ok, noId, readOnly];
}

export function queryFields(): unknown[] {
  const status: TicketQueryField = 'Status';
  const created: TicketQueryField = 'CreateDate';
  // @ts-expect-error CreatorType is not queryable
  const notQueryable: TicketQueryField = 'CreatorType';
  // @ts-expect-error Ticket has no such field
  const unknown: TicketQueryField = 'NoSuchField';
  const statusValue: TicketQueryFields['Status'] = 1;
  // @ts-expect-error Status values are numbers
  const wrongValue: TicketQueryFields['Status'] = '1';
  const dateValue: TicketQueryFields['CreateDate'] = new Date();
  return [status, created, notQueryable, unknown, statusValue, wrongValue, dateValue];
}

export function entityMaps(): unknown[] {
  const ticket: EntityMap['Ticket']['entity'] = new Ticket({ Title: 'x' });
  const contactGroup: EntityMap['ContactGroup']['create'] = { Name: 'x', Active: true };
  // @ts-expect-error the 1.5 WSDL does not declare ContactGroup
  type Missing = EntityMap15['ContactGroup'];
  const apiMetadata: ApiMetadata = metadata;
  const literal: 'long' = metadata.entities.Ticket.fields.id.type;
  const entityName: 'Ticket' = Ticket.entityName;
  return [ticket, contactGroup, undefined as unknown as Missing, apiMetadata, literal, entityName];
}
