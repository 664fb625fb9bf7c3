/**
 * The user-defined fields of the simulated tenant: text and list UDFs on Ticket and Account, as
 * getUDFInfo reports them and as entities carry them in `UserDefinedFields`.
 */
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
  ],
};

/** The UDFs of an entity type, in getUDFInfo order; [] for an entity type without any. */
export function udfsOf(entity: string): readonly UdfDefinition[] {
  return UDFS[entity] ?? [];
}
