/**
 * The demo tenant a fresh simulator starts with: the owner account (id 0), customer accounts,
 * resources, contacts, invoices with billing items (for GetInvoiceMarkup), and `--tickets N`
 * tickets spread over a year, with UDF values. Deterministic (seeded), so tests can rely on it,
 * and fast: 100,000 tickets take well under a few seconds.
 */
import type { ApiMetadata, EntityMeta, FieldValue } from 'atws/protocol';
import { seededRandom } from './seeded-random.js';
import { ISSUE_TYPES, type PicklistCatalog } from './picklists.js';
import type { EntityStore } from './store.js';
import { ticketDayPrefix, ticketNumber } from './ticket-number.js';
import { fillFullTicket } from './full-ticket-shape.js';
import { decimalText } from './decimal-text.js';
import type { TicketShape } from './ticket-shape.js';
import { ROLES, seedServiceDeskRoles } from './seed-roles.js';

/** The owner account: Autotask's own company of the tenant is always account 0. */
export const OWNER_ACCOUNT_ID = 0;
/** The resource behind the API user: the first seeded one, the tenant's administrator. */
export const API_USER_RESOURCE_ID = 29682885;

/** The first seeded ticket is created at this instant; the rest follow over one year. */
export const SEED_START = Date.UTC(2024, 0, 2, 14, 0, 0);
const YEAR_MS = 365 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

const ACCOUNT_NAMES = [
  'Acme Corporation',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  'Vandelay Industries',
  'Soylent Foods',
  'Cyberdyne Systems',
  'Tyrell Corporation',
  'Wonka Industries',
];
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger'];
const LAST_NAMES = ['Smith', 'Smyth', 'Schmidt', 'Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov'];

/** Ticket title templates with the IssueType/SubIssueType labels they belong to. */
const TICKET_KINDS: ReadonlyArray<readonly [title: string, issue: number, subIssueLabel: string]> = [
  ['Mouse not working', ISSUE_TYPES.hardwareFailure, 'Mouse'],
  ['Keyboard missing keys', ISSUE_TYPES.hardwareFailure, 'Keyboard'],
  ['Monitor flickers', ISSUE_TYPES.hardwareFailure, 'Monitor'],
  ['Printer offline', ISSUE_TYPES.hardwareFailure, 'Printer'],
  ['Outlook crashes on start', ISSUE_TYPES.software, 'Crash'],
  ['Install accounting package', ISSUE_TYPES.software, 'Installation'],
  ['Licence expired', ISSUE_TYPES.software, 'Licensing'],
  ['Wi-Fi drops in meeting room', ISSUE_TYPES.network, 'Wi-Fi'],
  ['Cannot connect to VPN', ISSUE_TYPES.network, 'VPN'],
  ['Internet down at branch office', ISSUE_TYPES.network, 'Outage'],
  ['Weekly team meeting', ISSUE_TYPES.nonWorkIssues, 'Meeting'],
  ['Product training session', ISSUE_TYPES.nonWorkIssuesTraining, 'Training'],
  ['Timesheet administration', ISSUE_TYPES.nonWorkIssuesAdmin, 'Administration'],
];

/** Keeps only the fields the entity has, so seed data fits whichever metadata the tenant uses. */
function fieldsOf(meta: EntityMeta, values: Record<string, FieldValue | undefined>): Record<string, FieldValue> {
  const result: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && meta.fields[name]) result[name] = value;
  }
  return result;
}

function entityMeta(metadata: ApiMetadata, name: string): EntityMeta {
  const meta = metadata.entities[name];
  if (!meta) throw new Error(`The metadata has no ${name} entity to seed`);
  return meta;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export interface SeedSummary {
  accounts: number[];
  resources: number[];
  contacts: number[];
  invoices: number[];
  tickets: number;
}

/** Fills an empty store with the demo tenant. */
export function seedTenant(
  store: EntityStore,
  metadata: ApiMetadata,
  picklists: PicklistCatalog,
  ticketCount: number,
  ticketShape: TicketShape = 'demo',
): SeedSummary {
  return store.transaction(() => seedAll(store, metadata, picklists, ticketCount, ticketShape));
}

function seedAll(store: EntityStore, metadata: ApiMetadata, picklists: PicklistCatalog, ticketCount: number, ticketShape: TicketShape): SeedSummary {
  const random = seededRandom(20240102);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const resourceMeta = entityMeta(metadata, 'Resource');
  const accountMeta = entityMeta(metadata, 'Account');
  const contactMeta = entityMeta(metadata, 'Contact');
  const ticketMeta = entityMeta(metadata, 'Ticket');
  const hired = new Date(Date.UTC(2019, 2, 4, 14, 0, 0));
  const generic = (meta: EntityMeta, field: string): string | undefined => {
    const f = meta.fields[field];
    return f ? picklists.valuesOf(meta, f)[0]?.value : undefined;
  };
  const picklistNumber = (meta: EntityMeta, field: string): number | undefined => {
    const v = generic(meta, field);
    return v === undefined ? undefined : Number(v);
  };

  const resources: number[] = [];
  for (let i = 0; i < 8; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(i + 3) % LAST_NAMES.length] as string;
    const record = store.insert(
      'Resource',
      fieldsOf(resourceMeta, {
        Active: i !== 7,
        Email: `${first}.${last}@sim.example`.toLowerCase(),
        EmailTypeCode: generic(resourceMeta, 'EmailTypeCode'),
        FirstName: first,
        LastName: last,
        Initials: `${first[0]}${last[0]}`,
        LocationID: picklistNumber(resourceMeta, 'LocationID'),
        ResourceType: i === 6 ? 'Contractor' : 'Employee',
        UserName: `${first}.${last}`.toLowerCase().slice(0, 32),
        UserType: picklistNumber(resourceMeta, 'UserType'),
        PayrollType: picklistNumber(resourceMeta, 'PayrollType'),
        NumberFormat: generic(resourceMeta, 'NumberFormat'),
        HireDate: hired,
        LicenseType: picklistNumber(resourceMeta, 'LicenseType'),
        Title: i === 0 ? 'Service Desk Manager' : 'Technician',
      }),
      undefined,
      API_USER_RESOURCE_ID + i,
    );
    resources.push(record.id);
  }
  const owner = resources[0] as number;
  seedServiceDeskRoles(store, metadata, resources);

  const accounts: number[] = [];
  const region = ['1', '2', '3', '4'];
  const accountNames = ['Simulated MSP (Owner)', ...ACCOUNT_NAMES];
  for (let i = 0; i < accountNames.length; i++) {
    const id = i === 0 ? OWNER_ACCOUNT_ID : 29683500 + i;
    const udfs = new Map<string, string>();
    if (i > 0) udfs.set('Region', region[i % region.length] as string);
    if (i % 3 === 1) udfs.set('Account Notes', `Key customer since ${2010 + i}`);
    // Customers have a Service Tier (required, with a default); a few a Billing Contact (required, none).
    if (i > 0) udfs.set('Service Tier', String(1 + (i % 3)));
    if (i % 4 === 1) udfs.set('Billing Contact', `accounts@${(accountNames[i] as string).toLowerCase().replace(/[^a-z]+/g, '')}.example`);
    store.insert(
      'Account',
      fieldsOf(accountMeta, {
        AccountName: accountNames[i],
        AccountNumber: pad(1000 + i, 6),
        Address1: `${10 + i} Main Street`,
        City: i % 2 === 0 ? 'New York' : 'Boston',
        State: i % 2 === 0 ? 'NY' : 'MA',
        PostalCode: i % 2 === 0 ? '10001' : '02108',
        Country: 'United States',
        Phone: `(555) 010-${pad(i, 4)}`,
        AccountType: i === 0 ? 1 : Number(pick(['1', '1', '1', '2', '3'])),
        OwnerResourceID: owner,
        Active: true,
        CreateDate: new Date(SEED_START - YEAR_MS + i * 24 * HOUR_MS),
      }),
      udfs,
      id,
    );
    accounts.push(id);
  }
  seedAccountLocations(store, metadata, accountNames, accounts);
  const customers = accounts.slice(1);

  const contacts: number[] = [];
  const contactsByAccount = new Map<number, number[]>();
  for (let i = 0; i < customers.length * 3; i++) {
    const accountId = customers[i % customers.length] as number;
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length] as string;
    const record = store.insert(
      'Contact',
      fieldsOf(contactMeta, {
        AccountID: accountId,
        FirstName: first,
        LastName: last,
        EMailAddress: `${first}.${last}.${i}@customer.example`.toLowerCase(),
        Phone: `(555) 020-${pad(i, 4)}`,
        Active: i % 11 === 10 ? 0 : 1,
        CreateDate: new Date(SEED_START - YEAR_MS / 2 + i * HOUR_MS),
        LastModifiedDate: new Date(SEED_START - YEAR_MS / 2 + i * HOUR_MS),
      }),
      undefined,
      30683000 + i,
    );
    contacts.push(record.id);
    contactsByAccount.set(accountId, [...(contactsByAccount.get(accountId) ?? []), record.id]);
  }

  const invoices = seedInvoices(store, metadata, customers, owner);
  const creatorType = ticketShape === 'full' ? picklistNumber(ticketMeta, 'CreatorType') : undefined;
  seedTickets(store, ticketMeta, picklists, ticketCount, { random, customers, resources, contactsByAccount, ticketShape, creatorType });
  // Tickets created through the API continue after the seeded ones, as in a tenant in use.
  return { accounts, resources, contacts, invoices, tickets: ticketCount };
}

/**
 * Each account's Site Configuration (AccountLocation, one per account, as Autotask keeps it), with
 * its required Site Code UDF; the owner's location predates that UDF and has none.
 */
function seedAccountLocations(store: EntityStore, metadata: ApiMetadata, names: readonly string[], accounts: readonly number[]): void {
  const meta = metadata.entities['AccountLocation'];
  if (!meta) return;
  accounts.forEach((accountId, i) => {
    const udfs = accountId === OWNER_ACCOUNT_ID ? undefined : new Map([['Site Code', `SITE-${pad(i, 3)}`]]);
    store.insert('AccountLocation', fieldsOf(meta, { LocationName: names[i], AccountID: accountId }), udfs, 29683800 + i);
  });
}

function seedInvoices(store: EntityStore, metadata: ApiMetadata, customers: readonly number[], owner: number): number[] {
  const invoiceMeta = entityMeta(metadata, 'Invoice');
  const itemMeta = metadata.entities['BillingItem'];
  const invoices: number[] = [];
  const items = [
    ['Managed services - monthly', 1, 1250],
    ['Onsite support (hours)', 6.5, 95],
    ['Replacement mouse', 3, 19.99],
    ['Backup storage (TB)', 2, 40],
  ] as const;
  for (let n = 1; n <= 3; n++) {
    const accountId = customers[n - 1] as number;
    const date = new Date(Date.UTC(2024, n, 1, 15, 0, 0));
    const lines = items.slice(0, 1 + n);
    const total = lines.reduce((sum, [, quantity, rate]) => sum + Math.round(quantity * rate * 100) / 100, 0);
    const tax = Math.round(total * 0.08 * 100) / 100;
    store.insert(
      'Invoice',
      fieldsOf(invoiceMeta, {
        AccountID: accountId,
        CreatorResourceID: owner,
        InvoiceDateTime: date,
        CreateDateTime: date,
        InvoiceNumber: `INV-${pad(n, 5)}`,
        Comments: 'Thank you for your business.',
        InvoiceTotal: Math.round((total + tax) * 100) / 100,
        TotalTaxValue: tax,
        FromDate: new Date(Date.UTC(2024, n - 1, 1, 5, 0, 0)),
        ToDate: new Date(Date.UTC(2024, n, 0, 5, 0, 0)),
        IsVoided: false,
        DueDate: new Date(date.getTime() + 30 * 24 * HOUR_MS),
      }),
      undefined,
      n,
    );
    invoices.push(n);
    if (!itemMeta) continue;
    for (const [name, quantity, rate] of lines) {
      const amount = Math.round(quantity * rate * 100) / 100;
      store.insert(
        'BillingItem',
        fieldsOf(itemMeta, {
          Type: 1,
          SubType: 1,
          ItemName: name,
          Description: name,
          Quantity: quantity,
          Rate: rate,
          TotalAmount: amount,
          ExtendedPrice: amount,
          TaxDollars: Math.round(amount * 0.08 * 100) / 100,
          ItemDate: date,
          InvoiceID: n,
          AccountID: accountId,
          NonBillable: 0,
        }),
      );
    }
  }
  return invoices;
}

interface TicketSeedContext {
  random: () => number;
  customers: readonly number[];
  resources: readonly number[];
  contactsByAccount: ReadonlyMap<number, readonly number[]>;
  ticketShape: TicketShape;
  creatorType: number | undefined;
}

function seedTickets(store: EntityStore, meta: EntityMeta, picklists: PicklistCatalog, count: number, ctx: TicketSeedContext): void {
  const { random } = ctx;
  const has = (field: string): boolean => meta.fields[field] !== undefined;
  const decimalFields = Object.values(meta.fields).filter((field) => field.type === 'decimal');
  const subIssue = TICKET_KINDS.map(([, issue, label]) => Number(picklists.valueOf(meta, 'SubIssueType', label, String(issue))));
  const statuses = [1, 5, 5, 5, 7, 8, 8, 10, 12];
  const queues = [5, 6, 8, 8, 29682833, 29682969];
  const moods = ['1', '2', '3'];
  const rooms = ['12B', '3A', 'Lobby', 'Server room', '101'];
  const spacing = count > 0 ? YEAR_MS / count : 0;
  let day = '';
  let sequenceOfDay = 0;
  let prefixHour = NaN;
  let hourPrefix = '';
  for (let i = 0; i < count; i++) {
    const kindIndex = Math.floor(random() * TICKET_KINDS.length);
    const [title, issue] = TICKET_KINDS[kindIndex] as (typeof TICKET_KINDS)[number];
    // Whole seconds, as tickets entered by people have.
    const created = new Date(SEED_START + Math.floor((i * spacing) / 1000) * 1000);
    // The Eastern day only changes on an hour boundary: format once per hour, not per ticket.
    const hour = Math.floor(created.getTime() / HOUR_MS);
    if (hour !== prefixHour) {
      prefixHour = hour;
      hourPrefix = ticketDayPrefix(created);
    }
    const createdDay = hourPrefix;
    sequenceOfDay = createdDay === day ? sequenceOfDay + 1 : 1;
    day = createdDay;
    const status = statuses[Math.floor(random() * statuses.length)] as number;
    const accountId = random() < 0.1 ? OWNER_ACCOUNT_ID : (ctx.customers[Math.floor(random() * ctx.customers.length)] as number);
    const contacts = ctx.contactsByAccount.get(accountId);
    const assigned = random() < 0.7 ? ctx.resources[Math.floor(random() * (ctx.resources.length - 1))] : undefined;
    const values: Record<string, FieldValue> = {
      AccountID: accountId,
      CreateDate: created,
      CreatorResourceID: ctx.resources[0] as number,
      DueDateTime: new Date(created.getTime() + 72 * HOUR_MS),
      IssueType: issue,
      SubIssueType: subIssue[kindIndex] as number,
      LastActivityDate: new Date(created.getTime() + 2 * HOUR_MS),
      Priority: 1 + Math.floor(random() * 4),
      QueueID: queues[Math.floor(random() * queues.length)] as number,
      Source: 2,
      Status: status,
      TicketNumber: ticketNumber(createdDay, sequenceOfDay),
      Title: `${title} #${i + 1}`,
      TicketType: 1,
    };
    if (assigned !== undefined) {
      // A resource is assigned in one of its service desk roles, as the Ticket page demands.
      values['AssignedResourceID'] = assigned;
      values['AssignedResourceRoleID'] = ROLES.helpDesk;
    }
    if (contacts && random() < 0.6) values['ContactID'] = contacts[Math.floor(random() * contacts.length)] as number;
    if (i % 4 === 0) values['Description'] = `Reported by phone. ${title}; see notes.`;
    if (i % 10 === 3) values['EstimatedHours'] = 1.5;
    if (status === 5) {
      values['CompletedDate'] = new Date(created.getTime() + 26 * HOUR_MS);
      values['Resolution'] = i % 2 === 0 ? 'Resolved remotely.' : '';
    }
    for (const name of Object.keys(values)) if (!has(name)) delete values[name];
    let udfs: Map<string, string> | undefined;
    if (ctx.ticketShape === 'full') {
      udfs = fillFullTicket(
        values,
        { index: i, created, resources: ctx.resources, contacts, creatorType: ctx.creatorType, assignedRoleId: ROLES.helpDesk },
        has,
      );
      // A field the served revision holds as decimal (1.6.8: HoursToBeScheduled) is kept as its exact text, as the store keeps decimals.
      for (const field of decimalFields) {
        const value = values[field.name];
        if (typeof value === 'number') values[field.name] = decimalText(value);
      }
    } else if (i % 5 === 0) {
      udfs = new Map([['Room', rooms[i % rooms.length] as string]]);
      if (i % 10 === 0) udfs.set('Customer Mood', moods[i % moods.length] as string);
    }
    store.insert('Ticket', values, udfs, i + 1);
  }
}
