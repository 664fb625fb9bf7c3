/**
 * Who may be assigned a ticket: "A role is required when a resource is assigned to a ticket or
 * task" (ResourceRoleDepartment and ResourceRoles pages), so AssignedResourceID and
 * AssignedResourceRoleID come together; and "A Resource + Role combination assigned to a ticket
 * must be associated with at least one Service Desk Queue" (Ticket entity page): the role must be
 * an active service desk role of the resource (ResourceServiceDeskRole) and the resource a member
 * of a queue (ResourceRoleQueue). Checked when either field changes, so a ticket read before a
 * role was retired can still be sent back.
 */
import type { FieldValue } from 'atws/protocol';
import type { EntityStore } from './store.js';

/** Production's words (reported from the REST API, here with SOAP's field names). */
export const RESOURCE_WITHOUT_ROLE = 'When assigning a Resource, you must assign both a AssignedResourceID and AssignedResourceRoleID.';

/** Why a ticket's assignment is refused, or undefined. `merged` reads the ticket as it would be stored. */
export function ticketAssignmentProblem(store: EntityStore, merged: (name: string) => FieldValue | undefined): string | undefined {
  const resource = merged('AssignedResourceID');
  const role = merged('AssignedResourceRoleID');
  if (resource === undefined && role === undefined) return undefined;
  if (resource === undefined || role === undefined) return RESOURCE_WITHOUT_ROLE;
  const serviceDeskRole = [...store.scan('ResourceServiceDeskRole')].some(
    (r) => r.values['ResourceID'] === resource && r.values['RoleID'] === role && r.values['Active'] !== false,
  );
  const inQueue = [...store.scan('ResourceRoleQueue')].some((r) => r.values['ResourceID'] === resource);
  if (serviceDeskRole && inQueue) return undefined;
  return (
    `The Resource + Role combination of AssignedResourceID ${String(resource)} and AssignedResourceRoleID ${String(role)} ` +
    'is not associated with any Service Desk Queue.'
  );
}
