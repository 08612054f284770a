import type { AuditLog, AuditPage, AuditQuery } from '../audit/audit-log.js';
import { createPeopleAndKeysActions, type PeopleAndKeysDeps } from './people-and-keys.js';
import { createShipmentAdminActions, type ShipmentAdminDeps } from './shipment-admin-actions.js';
import type { Actor } from './actor.js';
import { requireAllowed } from './guard.js';

export { actorAllows, actorName, actorRef, auditActorOf, keyActor, systemActor, userActor, type Actor } from './actor.js';
export { AUDIT_ACTIONS, type AuditActionName } from './audit-actions.js';
export { NOTE_MAX_LENGTH } from './shipment-admin-actions.js';
export type { CreatedUser } from './people-and-keys.js';
export { ADMIN_ROLES } from '../../db/admin-users/schema.js';
export { API_KEY_SCOPES } from '../../db/api-keys/schema.js';
export { AUDIT_SOURCES } from '../audit/audit-log.js';

/** What the admin actions are built from (the API process's services wire them). */
export type AdminActionsDeps = ShipmentAdminDeps & PeopleAndKeysDeps & { audit: AuditLog };

/**
 * Every admin action, for the JSON API and the admin pages alike. Each method takes the Actor first,
 * checks its permission (FORBIDDEN otherwise), does the work through the existing services, and appends
 * exactly one audit entry with the actor and its source. Reads check `read` and write nothing.
 */
export function createAdminActions(deps: AdminActionsDeps) {
  return {
    ...createShipmentAdminActions(deps),
    ...createPeopleAndKeysActions(deps),

    /** The audit log, newest first (filters: order, actor, source, time; `before` pages on). */
    async searchAudit(actor: Actor, query: AuditQuery): Promise<AuditPage> {
      requireAllowed(actor, 'read');
      return deps.audit.search(query);
    },
  };
}

export type AdminActions = ReturnType<typeof createAdminActions>;
