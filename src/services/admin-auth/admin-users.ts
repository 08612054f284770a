import type { AdminUser, AdminUserRepository } from '../../db/admin-users/repository.js';
import { ADMIN_ROLES, type AdminRole } from '../../db/admin-users/schema.js';
import { hashPassword, passwordProblem } from './password.js';
import { randomToken } from './secrets.js';

export class AdminUserInputError extends Error {
  constructor(readonly code: 'INVALID_EMAIL' | 'INVALID_ROLE' | 'INVALID_PASSWORD' | 'INVALID_NAME', message: string) {
    super(message);
    this.name = 'AdminUserInputError';
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

/** A password to hand out once: 24 random bytes as base64url (32 characters). */
export function generatePassword(): string {
  return randomToken().slice(0, 32);
}

/**
 * Creates an admin user after checking the input: used by `npm run admin:create-user`, by the
 * `ADMIN_BOOTSTRAP_USER` start-up path and (later) the admin pages.
 */
export async function createAdminUser(
  users: AdminUserRepository,
  input: { email: string; displayName?: string; role: string; password: string },
): Promise<AdminUser> {
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw new AdminUserInputError('INVALID_EMAIL', `not an e-mail address: ${JSON.stringify(email.slice(0, 100))}`);
  if (!(ADMIN_ROLES as readonly string[]).includes(input.role)) throw new AdminUserInputError('INVALID_ROLE', `role must be one of ${ADMIN_ROLES.join(', ')}`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AdminUserInputError('INVALID_PASSWORD', problem);
  const displayName = (input.displayName ?? email.split('@')[0]!).trim();
  if (displayName.length === 0 || displayName.length > 100) throw new AdminUserInputError('INVALID_NAME', 'the display name must have 1 to 100 characters');
  return users.create({ email, displayName, role: input.role as AdminRole, passwordHash: await hashPassword(input.password) });
}

/**
 * The first admin from the environment: `ADMIN_BOOTSTRAP_USER=email:password` (parsed by the config
 * schema the lead adds). Creates the user only while no admin user exists at all, so a later password
 * change in the app is never overwritten by a stale variable. Returns the user created, or null.
 */
export async function bootstrapAdminFromEnv(users: AdminUserRepository, value: string | undefined): Promise<AdminUser | null> {
  if (!value) return null;
  const at = value.indexOf(':');
  if (at <= 0) throw new AdminUserInputError('INVALID_EMAIL', 'ADMIN_BOOTSTRAP_USER must look like email:password');
  if ((await users.count()) > 0) return null;
  return createAdminUser(users, { email: value.slice(0, at), password: value.slice(at + 1), role: 'admin' });
}
