/**
 * The service desk roles of the demo tenant: Roles, which resource may work a ticket in which
 * role (ResourceServiceDeskRole) and the Service Desk Queues each resource belongs to
 * (ResourceRoleQueue, whose role is obsolete since 2018.2). A ticket's AssignedResourceID +
 * AssignedResourceRoleID pair must be one of these (see ticket-assignment.ts).
 */
import type { ApiMetadata, FieldValue } from 'atws/protocol';
import { decimalText } from './decimal-text.js';
import type { EntityStore } from './store.js';

/** Roles, by id. */
export const ROLES = {
  helpDesk: 29683461,
  engineer: 29683462,
  projectManager: 29683463,
  retired: 29683464,
} as const;

/** Queue ids of the Ticket QueueID picklist (picklists.ts). */
const LEVEL_I_QUEUE = 8;
const LEVEL_II_QUEUE = 29682833;

const ROLE_ROWS: ReadonlyArray<readonly [id: number, name: string, rate: number, active: boolean]> = [
  [ROLES.helpDesk, 'Help Desk Technician', 95, true],
  [ROLES.engineer, 'Engineer', 175, true],
  [ROLES.projectManager, 'Project Manager', 150, true],
  [ROLES.retired, 'Dispatcher (retired)', 80, false],
];

/**
 * Seeds the roles and, for each resource, its service desk roles and queues: every resource works
 * as Help Desk Technician in the Level I queue; the first three also as Engineer, in Level II too.
 * The Project Manager role is no service desk role of anyone.
 */
export function seedServiceDeskRoles(store: EntityStore, metadata: ApiMetadata, resources: readonly number[]): void {
  const insert = (entity: string, values: Record<string, FieldValue>, id?: number): void => {
    const meta = metadata.entities[entity];
    if (!meta) return;
    const known: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(values)) if (meta.fields[name]) known[name] = value;
    store.insert(entity, known, undefined, id);
  };
  for (const [id, name, rate, active] of ROLE_ROWS) {
    insert('Role', { Name: name, Description: name, HourlyRate: decimalText(rate), HourlyFactor: '1', Active: active, SystemRole: false }, id);
  }
  resources.forEach((resourceId, i) => {
    const senior = i < 3;
    insert('ResourceServiceDeskRole', { ResourceID: resourceId, RoleID: ROLES.helpDesk, Active: true, Default: true });
    if (senior) insert('ResourceServiceDeskRole', { ResourceID: resourceId, RoleID: ROLES.engineer, Active: true, Default: false });
    insert('ResourceRoleQueue', { ResourceID: resourceId, QueueID: LEVEL_I_QUEUE });
    if (senior) insert('ResourceRoleQueue', { ResourceID: resourceId, QueueID: LEVEL_II_QUEUE });
  });
}
