/**
 * Picklist values of the simulated tenant, as a new Autotask tenant has them: the well-known
 * Ticket picklists (Status New = 1 ... Complete = 5, Priority, IssueType with SubIssueType children,
 * QueueID, ...) written out, a few inactive values, and for every other picklist field of the
 * metadata a short generic list so that every required picklist can be filled.
 */
import type { EntityMeta, FieldMeta } from 'atws/protocol';
import type { PicklistValue } from './picklist-types.js';

type Entry = readonly [
  value: number | string,
  label: string,
  options?: { parent?: number; inactive?: boolean; isDefault?: boolean; system?: boolean },
];

function values(entries: readonly Entry[]): PicklistValue[] {
  return entries.map(([value, label, options = {}], index) => ({
    value: String(value),
    label,
    isDefaultValue: options.isDefault ?? false,
    sortOrder: index + 1,
    ...(options.parent === undefined ? {} : { parentValue: String(options.parent) }),
    isActive: !(options.inactive ?? false),
    isSystem: options.system ?? false,
  }));
}

/** Ticket IssueType values; SubIssueType children name them as `parent`. */
export const ISSUE_TYPES = {
  hardwareFailure: 3,
  software: 4,
  network: 5,
  nonWorkIssues: 6,
  nonWorkIssuesTraining: 7,
  nonWorkIssuesAdmin: 8,
  legacy: 9,
} as const;

const CURATED: Record<string, Record<string, readonly Entry[]>> = {
  Ticket: {
    Status: [
      [1, 'New', { isDefault: true, system: true }],
      [5, 'Complete', { system: true }],
      [7, 'Waiting Customer'],
      [8, 'In Progress'],
      [9, 'Waiting Materials'],
      [10, 'Dispatched'],
      [11, 'Escalate'],
      [12, 'Waiting Vendor'],
      [13, 'Waiting Approval'],
      [17, 'On Hold (retired)', { inactive: true }],
    ],
    Priority: [
      [1, 'High'],
      [2, 'Medium', { isDefault: true }],
      [3, 'Low'],
      [4, 'Critical'],
      [6, 'Urgent (retired)', { inactive: true }],
    ],
    IssueType: [
      [ISSUE_TYPES.hardwareFailure, 'Hardware Failure'],
      [ISSUE_TYPES.software, 'Software'],
      [ISSUE_TYPES.network, 'Network'],
      [ISSUE_TYPES.nonWorkIssues, 'Non Work Issues'],
      [ISSUE_TYPES.nonWorkIssuesTraining, 'Non Work Issues - Training'],
      [ISSUE_TYPES.nonWorkIssuesAdmin, 'Non Work Issues - Administration'],
      [ISSUE_TYPES.legacy, 'Legacy Issue', { inactive: true }],
    ],
    SubIssueType: [
      [11, 'Mouse', { parent: ISSUE_TYPES.hardwareFailure }],
      [12, 'Keyboard', { parent: ISSUE_TYPES.hardwareFailure }],
      [13, 'Monitor', { parent: ISSUE_TYPES.hardwareFailure }],
      [14, 'Printer', { parent: ISSUE_TYPES.hardwareFailure }],
      [15, 'Floppy Drive', { parent: ISSUE_TYPES.hardwareFailure, inactive: true }],
      [21, 'Installation', { parent: ISSUE_TYPES.software }],
      [22, 'Licensing', { parent: ISSUE_TYPES.software }],
      [23, 'Crash', { parent: ISSUE_TYPES.software }],
      [31, 'Wi-Fi', { parent: ISSUE_TYPES.network }],
      [32, 'VPN', { parent: ISSUE_TYPES.network }],
      [33, 'Outage', { parent: ISSUE_TYPES.network }],
      [41, 'Meeting', { parent: ISSUE_TYPES.nonWorkIssues }],
      [42, 'Training', { parent: ISSUE_TYPES.nonWorkIssuesTraining }],
      [43, 'Administration', { parent: ISSUE_TYPES.nonWorkIssuesAdmin }],
      // Same label under another parent: the reason child picklists are looked up by parent.
      [44, 'Mouse', { parent: ISSUE_TYPES.nonWorkIssuesTraining }],
    ],
    QueueID: [
      [5, 'Client Portal'],
      [6, 'Post Sale'],
      [8, 'Level I Support', { isDefault: true }],
      [29682833, 'Level II Support'],
      [29682969, 'Monitoring Alert'],
      [29683481, 'Recurring Tickets', { inactive: true }],
    ],
    Source: [
      [-1, 'Insourced', { system: true }],
      [1, 'Other'],
      [2, 'Phone', { isDefault: true }],
      [4, 'Email'],
      [6, 'Web Portal'],
      [11, 'Monitoring Alert'],
    ],
    TicketType: [
      [1, 'Service Request', { isDefault: true, system: true }],
      [2, 'Incident', { system: true }],
      [3, 'Problem', { system: true }],
      [4, 'Change Request', { system: true }],
      [5, 'Alert', { system: true }],
    ],
    TicketCategory: [
      [1, 'Standard', { isDefault: true }],
      [2, 'AEM Alert'],
      [3, 'RMA'],
    ],
    CreatorType: [
      [1, 'Resource', { system: true }],
      [2, 'Contact', { system: true }],
    ],
    LastActivityPersonType: [
      [1, 'Resource', { system: true }],
      [2, 'Contact', { system: true }],
    ],
  },
  Account: {
    AccountType: [
      [1, 'Customer', { isDefault: true }],
      [2, 'Lead'],
      [3, 'Prospect'],
      [4, 'Dead'],
      [6, 'Cancellation'],
      [7, 'Vendor'],
      [8, 'Partner'],
    ],
  },
  AttachmentInfo: {
    ParentType: [
      [1, 'Account'],
      [2, 'Opportunity'],
      [3, 'Project'],
      [4, 'Ticket'],
      [5, 'Contract'],
      [7, 'Resource'],
    ],
    Type: [
      ['FILE_ATTACHMENT', 'File Attachment', { isDefault: true }],
      ['FILE_LINK', 'File Link'],
      ['FOLDER_LINK', 'Folder Link'],
      ['URL', 'URL'],
    ],
    Publish: [
      [1, 'All Autotask Users', { isDefault: true }],
      [2, 'Internal Users Only'],
    ],
  },
  Resource: {
    ResourceType: [
      ['Employee', 'Employee', { isDefault: true }],
      ['Contractor', 'Contractor'],
      ['Temporary', 'Temporary'],
    ],
    Gender: [
      ['M', 'Male'],
      ['F', 'Female'],
    ],
  },
};

/** Short generic list for picklists not written out above; string picklists get short codes. */
function genericValues(field: FieldMeta): PicklistValue[] {
  const label = field.label || field.name;
  const code = (i: number): number | string => (field.type === 'string' ? String.fromCharCode(64 + i) : i);
  return values([
    [code(1), `${label} A`, { isDefault: true }],
    [code(2), `${label} B`],
    [code(3), `${label} C`],
    [code(4), `${label} (retired)`, { inactive: true }],
  ]);
}

/** Picklists of the tenant, built per entity/field on first use. */
export class PicklistCatalog {
  private readonly cache = new Map<string, PicklistValue[]>();

  /** The values of a picklist field; [] for a field that is not a picklist. */
  valuesOf(meta: EntityMeta, field: FieldMeta): readonly PicklistValue[] {
    if (!field.picklist) return [];
    const key = `${meta.name}.${field.name}`;
    let list = this.cache.get(key);
    if (!list) {
      const curated = CURATED[meta.name]?.[field.name];
      list = curated ? values(curated) : genericValues(field);
      this.cache.set(key, list);
    }
    return list;
  }

  /** The value with this label (first active match), for seed data and tests. */
  valueOf(meta: EntityMeta, fieldName: string, label: string, parentValue?: string): string {
    const field = meta.fields[fieldName];
    const found = field
      ? this.valuesOf(meta, field).find((v) => v.label === label && (parentValue === undefined || v.parentValue === parentValue))
      : undefined;
    if (!found) throw new Error(`No picklist value "${label}" in ${meta.name}.${fieldName}`);
    return found.value;
  }
}
