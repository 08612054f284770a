import { AdminEmailTakenError, type AdminUser, type AdminUserRepository } from '../../db/admin-users/repository.js';
import { ADMIN_ROLES, type AdminRole } from '../../db/admin-users/schema.js';
import type { ApiKeyRecord } from '../../db/api-keys/repository.js';
import { AdminUserInputError, createAdminUser, generatePassword } from '../admin-auth/admin-users.js';
import { ApiKeyInputError, type ApiKeyService } from '../admin-auth/api-keys.js';
import { hashPassword, passwordProblem } from '../admin-auth/password.js';
import type { SessionService } from '../admin-auth/sessions.js';
import type { AuditLog } from '../audit/audit-log.js';
import { notFoundError, ServiceError } from '../service-error.js';
import { actorName, type Actor } from './actor.js';
import { AUDIT_ACTIONS } from './audit-actions.js';
import { auditDone, requireAllowed } from './guard.js';

export interface PeopleAndKeysDeps {
  users: AdminUserRepository;
  sessions: Pick<SessionService, 'revokeAllOf'>;
  apiKeys: Pick<ApiKeyService, 'create' | 'revoke' | 'list'>;
  audit: AuditLog;
}

/** A new user, and the password to hand over when none was given (shown once, never stored in clear). */
export interface CreatedUser {
  user: AdminUser;
  generatedPassword?: string;
}

/** Translates the admin-auth modules' input errors into the use-case vocabulary. */
async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AdminUserInputError || err instanceof ApiKeyInputError) throw new ServiceError('INVALID_INPUT', err.message, { field: err.code });
    if (err instanceof AdminEmailTakenError) throw new ServiceError('EMAIL_TAKEN', err.message);
    throw err;
  }
}

/** People (admin users) and machine keys: admins only. Every change that alters access ends the user's sessions. */
export function createPeopleAndKeysActions(deps: PeopleAndKeysDeps) {
  async function userOrThrow(id: string): Promise<AdminUser> {
    const user = await deps.users.findById(id);
    if (!user) throw notFoundError('User');
    return user;
  }

  /** Refuses a change that would leave no enabled admin (nobody could manage people or keys any more). */
  async function keepAnAdmin(user: AdminUser, after: { role: AdminRole; disabled: boolean }): Promise<void> {
    if (user.role !== 'admin' || user.disabled || (after.role === 'admin' && !after.disabled)) return;
    const others = (await deps.users.list()).filter((u) => u.id !== user.id && u.role === 'admin' && !u.disabled);
    if (others.length === 0) throw new ServiceError('NOT_ALLOWED', 'This is the last enabled admin; make another admin first.');
  }

  async function changeAccess(actor: Actor, userId: string, change: { role?: AdminRole; disabled?: boolean }): Promise<{ before: AdminUser; after: AdminUser }> {
    const before = await userOrThrow(userId);
    await keepAnAdmin(before, { role: change.role ?? before.role, disabled: change.disabled ?? before.disabled });
    const after = await deps.users.update(userId, change);
    if (!after) throw notFoundError('User');
    await deps.sessions.revokeAllOf(userId);
    return { before, after };
  }

  return {
    async listUsers(actor: Actor): Promise<AdminUser[]> {
      requireAllowed(actor, 'users:manage');
      return deps.users.list();
    },

    /** Creates a person; without a password one is generated and returned once. */
    async createUser(actor: Actor, input: { email: string; role: string; displayName?: string; password?: string }): Promise<CreatedUser> {
      requireAllowed(actor, 'users:manage');
      const generatedPassword = input.password === undefined ? generatePassword() : undefined;
      const user = await translated(() =>
        createAdminUser(deps.users, { email: input.email, role: input.role, password: input.password ?? generatedPassword!, ...(input.displayName ? { displayName: input.displayName } : {}) }),
      );
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.createUser, { target: user.id, details: { email: user.email, role: user.role } });
      return { user, ...(generatedPassword ? { generatedPassword } : {}) };
    },

    async setUserRole(actor: Actor, userId: string, role: string): Promise<AdminUser> {
      requireAllowed(actor, 'users:manage');
      if (!(ADMIN_ROLES as readonly string[]).includes(role)) throw new ServiceError('INVALID_INPUT', `role must be one of ${ADMIN_ROLES.join(', ')}`);
      const { before, after } = await changeAccess(actor, userId, { role: role as AdminRole });
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.setUserRole, { target: userId, details: { email: after.email, from: before.role, to: after.role } });
      return after;
    },

    async disableUser(actor: Actor, userId: string): Promise<AdminUser> {
      requireAllowed(actor, 'users:manage');
      if (actor.kind === 'user' && actor.userId === userId) throw new ServiceError('NOT_ALLOWED', 'You cannot disable yourself.');
      const { after } = await changeAccess(actor, userId, { disabled: true });
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.disableUser, { target: userId, details: { email: after.email } });
      return after;
    },

    async enableUser(actor: Actor, userId: string): Promise<AdminUser> {
      requireAllowed(actor, 'users:manage');
      const { after } = await changeAccess(actor, userId, { disabled: false });
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.enableUser, { target: userId, details: { email: after.email } });
      return after;
    },

    /** Sets a new password (generated and returned once when none is given) and ends the user's sessions. */
    async resetPassword(actor: Actor, userId: string, password?: string): Promise<{ user: AdminUser; generatedPassword?: string }> {
      requireAllowed(actor, 'users:manage');
      const generatedPassword = password === undefined ? generatePassword() : undefined;
      const chosen = password ?? generatedPassword!;
      const problem = passwordProblem(chosen);
      if (problem) throw new ServiceError('INVALID_INPUT', problem, { field: 'INVALID_PASSWORD' });
      await userOrThrow(userId);
      const user = await deps.users.update(userId, { passwordHash: await hashPassword(chosen) });
      if (!user) throw notFoundError('User');
      await deps.sessions.revokeAllOf(userId);
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.resetPassword, { target: userId, details: { email: user.email } });
      return { user, ...(generatedPassword ? { generatedPassword } : {}) };
    },

    async listApiKeys(actor: Actor): Promise<ApiKeyRecord[]> {
      requireAllowed(actor, 'keys:manage');
      return deps.apiKeys.list();
    },

    /** Creates a machine key; the full key is in the answer once and nowhere else. */
    async createApiKey(actor: Actor, input: { name: string; scopes: string[] }): Promise<{ key: string; record: ApiKeyRecord }> {
      requireAllowed(actor, 'keys:manage');
      const created = await translated(() => deps.apiKeys.create({ ...input, createdBy: actorName(actor) }));
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.createApiKey, { target: created.record.keyId, details: { name: created.record.name, scopes: created.record.scopes } });
      return created;
    },

    /** Revokes a key at once (the next request with it is refused); NOT_FOUND for unknown or already revoked keys. */
    async revokeApiKey(actor: Actor, keyId: string): Promise<ApiKeyRecord> {
      requireAllowed(actor, 'keys:manage');
      const record = await deps.apiKeys.revoke(keyId, actorName(actor));
      if (!record) throw notFoundError('Active API key');
      await auditDone(deps.audit, actor, AUDIT_ACTIONS.revokeApiKey, { target: keyId, details: { name: record.name } });
      return record;
    },
  };
}

export type PeopleAndKeysActions = ReturnType<typeof createPeopleAndKeysActions>;
