/**
 * The user-defined fields of the simulated tenant: text and list UDFs on Ticket and Account, as
 * getUDFInfo reports them and as entities carry them in `UserDefinedFields`. A `full` ticket
 * shape adds eight more Ticket UDFs (12 in all), as a tenant in daily use tends to have.
 */
import type { TicketShape } from './ticket-shape.js';
import type { PicklistValue, UdfDefinition } from './picklist-types.js';

function choices(labels: readonly string[]): PicklistValue[] {
  return labels.map((label, i) => ({
    value: String(i + 1),
    label,
    isDefaultValue: false,
    sortOrder: i + 1,
    isActive: true,
    isSystem: false,
  }));
}

const UDFS: Record<string, readonly UdfDefinition[]> = {
  Ticket: [
    { name: 'Room', label: 'Room', type: 'string', length: 50, required: false },
    { name: 'Asset Tag', label: 'Asset Tag', type: 'string', length: 100, required: false },
    {
      name: 'Customer Mood',
      label: 'Customer Mood',
      type: 'string',
      length: 20,
      required: false,
      picklistValues: choices(['Happy', 'Neutral', 'Unhappy']),
    },
    // Where the Python wrapper's "attributes" feature keeps its JSON.
    { name: 'Attributes', label: 'Attributes', type: 'string', length: 8000, required: false },
  ],
  Account: [
    {
      name: 'Region',
      label: 'Region',
      type: 'string',
      length: 20,
      required: false,
      picklistValues: choices(['North', 'South', 'East', 'West']),
    },
    { name: 'Account Notes', label: 'Account Notes', type: 'string', length: 1024, required: false },
    // Protected: compared case-sensitively in queries (the query() page).
    { name: 'Contract Reference', label: 'Contract Reference', type: 'string', length: 50, required: false, protected: true },
  ],
};

const text = (name: string, length: number): UdfDefinition => ({ name, label: name, type: 'string', length, required: false });

/** The eight Ticket UDFs a `full` tenant has besides the demo four. */
export const FULL_TICKET_EXTRA_UDFS: readonly UdfDefinition[] = [
  text('Site', 100),
  text('Department', 100),
  text('Billing Reference', 50),
  text('Device Serial', 100),
  { ...text('Escalation Level', 20), picklistValues: choices(['None', 'Team lead', 'Manager']) },
  text('Callback Number', 30),
  text('Vendor Case', 50),
  text('Approval Code', 50),
];

const FULL_UDFS: Record<string, readonly UdfDefinition[]> = {
  ...UDFS,
  Ticket: [...(UDFS['Ticket'] ?? []), ...FULL_TICKET_EXTRA_UDFS],
};

/** The UDFs of an entity type, in getUDFInfo order; [] for an entity type without any. */
export function udfsOf(entity: string, shape: TicketShape = 'demo'): readonly UdfDefinition[] {
  return (shape === 'full' ? FULL_UDFS : UDFS)[entity] ?? [];
}
