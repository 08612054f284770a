import type { AdminAction } from '../admin-auth/roles.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { NewAuditEntry } from '../../db/audit-log/repository.js';
import { ServiceError } from '../service-error.js';
import { actorAllows, auditActorOf, actorName, type Actor } from './actor.js';
import type { AuditActionName } from './audit-actions.js';

/** Refuses with FORBIDDEN unless the actor may do `action`. */
export function requireAllowed(actor: Actor, action: AdminAction): void {
  if (!actorAllows(actor, action)) {
    throw new ServiceError('FORBIDDEN', `${actorName(actor)} may not ${describe(action)}.`, { needs: action });
  }
}

function describe(action: AdminAction): string {
  switch (action) {
    case 'read':
      return 'read admin data';
    case 'shipments:act':
      return 'act on shipments';
    case 'users:manage':
      return 'manage users';
    case 'keys:manage':
      return 'manage API keys';
  }
}

/** Appends the audit entry of a done action, with the actor and the source it came from. */
export function auditDone(
  audit: AuditLog,
  actor: Actor,
  action: AuditActionName,
  what: Pick<NewAuditEntry, 'orderCode' | 'target' | 'details'> = {},
): Promise<unknown> {
  return audit.record({ actor: auditActorOf(actor), action, source: actor.source, ...what });
}
