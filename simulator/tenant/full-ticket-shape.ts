/**
 * The `full` ticket shape: seeded tickets filled out as in a tenant in daily use, 27 fields and
 * all 12 Ticket UDFs with values, so that benchmarks measure against answers of a realistic size
 * (the demo shape carries about 15 fields and few UDF values). Deterministic: derived from the
 * ticket's index and the fields the demo shape already chose, with no random draws of its own.
 */
import type { FieldValue } from 'atws/protocol';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** How many fields (id aside) and UDF values a `full` ticket carries. */
export const FULL_TICKET_FIELDS = 27;
export const FULL_TICKET_UDFS = 12;

const SITES = ['Head office', 'Branch 2', 'Warehouse', 'Remote'];
const DEPARTMENTS = ['Finance', 'Sales', 'Operations', 'HR', 'Engineering'];
const ROOMS = ['12B', '3A', 'Lobby', 'Server room', '101'];

export interface FullShapeInput {
  /** Zero-based index of the ticket among the seeded ones. */
  readonly index: number;
  readonly created: Date;
  readonly resources: readonly number[];
  /** Contacts of the ticket's account (none for the owner account). */
  readonly contacts: readonly number[] | undefined;
  /** The `CreatorType` picklist value to use, when the metadata has the field. */
  readonly creatorType: number | undefined;
  /** The role the assigned resource works the ticket in (one of its service desk roles). */
  readonly assignedRoleId: number;
}

/**
 * Fills `values` (a demo-shaped ticket) up to the full shape, keeping only fields `has` accepts,
 * and returns the ticket's UDF values.
 */
export function fillFullTicket(values: Record<string, FieldValue>, input: FullShapeInput, has: (field: string) => boolean): Map<string, string> {
  const { index: i, created, resources, contacts } = input;
  const at = (ms: number): Date => new Date(created.getTime() + ms);
  const completed = values['Status'] === 5;
  const extra: Record<string, FieldValue | undefined> = {
    AssignedResourceID: values['AssignedResourceID'] ?? resources[1 + (i % (resources.length - 1))],
    AssignedResourceRoleID: values['AssignedResourceRoleID'] ?? input.assignedRoleId,
    Description: values['Description'] ?? `Reported by e-mail; ticket ${i + 1} logged from the portal.`,
    EstimatedHours: values['EstimatedHours'] ?? 0.5 + (i % 8) * 0.25,
    // System-set times carry milliseconds, as the API's do.
    FirstResponseDateTime: at(37 * MINUTE_MS + (i % 1000)),
    FirstResponseDueDateTime: at(4 * HOUR_MS),
    ResolvedDueDateTime: at(48 * HOUR_MS),
    LastCustomerVisibleActivityDateTime: at(2 * HOUR_MS + 250 + (i % 750)),
    ServiceLevelAgreementHasBeenMet: i % 7 !== 0,
    CreatorType: input.creatorType,
  };
  if (contacts !== undefined && contacts.length > 0) extra['ContactID'] = values['ContactID'] ?? contacts[i % contacts.length];
  else extra['ExternalID'] = `EXT-${100_000 + i}`;
  if (completed) {
    extra['CompletedDate'] = values['CompletedDate'] ?? at(26 * HOUR_MS);
    extra['Resolution'] = values['Resolution'] || 'Resolved remotely; the customer confirmed.';
  } else {
    extra['HoursToBeScheduled'] = (i % 4) * 0.5;
    extra['PurchaseOrderNumber'] = `PO-${2024_0000 + (i % 9000)}`;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined && has(name)) values[name] = value;

  return new Map([
    ['Room', ROOMS[i % ROOMS.length] as string],
    ['Asset Tag', `AT-${pad(i % 100_000, 6)}`],
    ['Customer Mood', String(1 + (i % 3))],
    ['Attributes', `{"source":"portal","vip":${i % 9 === 0}}`],
    ['Site', SITES[i % SITES.length] as string],
    ['Department', DEPARTMENTS[i % DEPARTMENTS.length] as string],
    ['Billing Reference', `BR-${pad(i % 5000, 5)}`],
    ['Device Serial', `SN${pad((i * 7919) % 10_000_000, 8)}`],
    ['Escalation Level', String(1 + (i % 3))],
    ['Callback Number', `(555) 030-${pad(i % 10_000, 4)}`],
    ['Vendor Case', `VC-${pad(i % 100_000, 6)}`],
    ['Approval Code', `APR-${pad((i * 31) % 100_000, 5)}`],
  ]);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
