import type { AppConfig } from '../../config/load-config.js';
import { createAuditLogRepository } from '../../db/audit-log/repository.js';
import type { DbConnection } from '../../db/connection.js';
import { createShipmentNoteRepository } from '../../db/shipment-notes/repository.js';
import type { Logger } from '../../observability/logger.js';
import { createAdminAuthServices, type AdminAuthServices } from '../admin-auth/admin-auth-services.js';
import { createAuditLog, type AuditLog } from '../audit/audit-log.js';
import { AUDIT_ACTIONS } from './audit-actions.js';
import { createAdminActions, type AdminActions, type AdminActionsDeps } from './index.js';

/** The admin side of a process: who is calling (sign-in, sessions, keys), the actions, the audit log. */
export function createAdminServices(deps: {
  mongo: DbConnection;
  config: Pick<AppConfig, 'auth'>;
  logger: Logger;
  now: () => Date;
  /** The shipment-side services the actions go through (built once by createServices). */
  actionDeps: Pick<AdminActionsDeps, 'orders' | 'shipmentActions' | 'alerts' | 'inbox' | 'webhookRematch'>;
}): { adminAuth: AdminAuthServices; adminActions: AdminActions; audit: AuditLog } {
  const audit = createAuditLog({ repository: createAuditLogRepository(deps.mongo), now: deps.now });
  const { users, ...authParts } = createAdminAuthServices({
    mongo: deps.mongo,
    bootstrapKeys: { storefront: deps.config.auth.storefrontApiKeys, admin: deps.config.auth.adminApiKeys },
    logger: deps.logger,
    now: deps.now,
  });
  const adminAuth: AdminAuthServices = {
    ...authParts,
    // Who signed in and out, and the refused attempts, are in the audit log beside what they did.
    signIn: {
      ...authParts.signIn,
      async signIn(input) {
        const result = await authParts.signIn.signIn(input);
        if (result.ok) {
          const actor = { kind: 'user' as const, userId: result.user.id, email: result.user.email };
          await audit.record({ actor, action: AUDIT_ACTIONS.signIn, source: 'admin-page', target: result.user.id, details: { ip: input.ip } });
        } else {
          // The attempted e-mail, never the password; the reason says only what the person was told.
          const details = { email: input.email.trim().toLowerCase(), ip: input.ip, reason: result.reason };
          await audit.record({ actor: { kind: 'system' }, action: AUDIT_ACTIONS.signInFailed, source: 'admin-page', details });
        }
        return result;
      },
    },
    async signOut(sessionId, user) {
      const ended = await authParts.signOut(sessionId);
      if (ended && user) {
        const actor = { kind: 'user' as const, userId: user.id, email: user.email };
        await audit.record({ actor, action: AUDIT_ACTIONS.signOut, source: 'admin-page', target: user.id });
      }
      return ended;
    },
    // The first admin from the environment is a user change like any other: audited, by the system.
    async bootstrapAdmin(value) {
      const user = await authParts.bootstrapAdmin(value);
      if (user) {
        const details = { email: user.email, role: user.role, from: 'ADMIN_BOOTSTRAP_USER' };
        await audit.record({ actor: { kind: 'system' }, action: AUDIT_ACTIONS.createUser, source: 'system', target: user.id, details });
      }
      return user;
    },
  };
  const adminActions = createAdminActions({
    ...deps.actionDeps,
    notes: createShipmentNoteRepository(deps.mongo),
    users,
    sessions: adminAuth.sessions,
    apiKeys: adminAuth.apiKeys,
    audit,
    now: deps.now,
  });
  return { adminAuth, adminActions, audit };
}
