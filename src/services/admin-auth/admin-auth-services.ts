import type { DbConnection } from '../../db/connection.js';
import { createAdminSessionRepository } from '../../db/admin-sessions/repository.js';
import { createAdminUserRepository, type AdminUser, type AdminUserRepository } from '../../db/admin-users/repository.js';
import { createSignInThrottleRepository } from '../../db/admin-users/sign-in-throttle-repository.js';
import { createApiKeyRepository } from '../../db/api-keys/repository.js';
import type { Logger } from '../../observability/logger.js';
import { bootstrapAdminFromEnv } from './admin-users.js';
import { createApiKeyService, type ApiKeyService, type BootstrapKeys } from './api-keys.js';
import { createSessionService, type SessionService } from './sessions.js';
import { createSignInService, DEFAULT_SIGN_IN_LIMITS } from './sign-in.js';

/** Sign-in, sessions and machine keys as the API middleware and the admin pages use them. */
export interface AdminAuthServices {
  sessions: SessionService;
  signIn: ReturnType<typeof createSignInService>;
  /** Stored keys (`otk_live_…`) and the environment's bootstrap keys. */
  apiKeys: ApiKeyService;
  /** Ends the session behind a cookie value (sign-out) of `user`, as the caller resolved it; false when there was none to end. */
  signOut(sessionId: string | undefined, user?: { id: string; email: string }): Promise<boolean>;
  /** `ADMIN_BOOTSTRAP_USER` at start: creates the first admin while there is none; the user, or null. */
  bootstrapAdmin(value: string | undefined): Promise<AdminUser | null>;
}

/** Builds the admin authentication services over one connection; also returns the user repository for the admin actions. */
export function createAdminAuthServices(deps: { mongo: DbConnection; bootstrapKeys: BootstrapKeys; logger: Logger; now?: () => Date }): AdminAuthServices & { users: AdminUserRepository } {
  const users = createAdminUserRepository(deps.mongo);
  const now = deps.now ?? (() => new Date());
  const sessions = createSessionService({ sessions: createAdminSessionRepository(deps.mongo), users, now });
  const signIn = createSignInService({
    users,
    throttle: createSignInThrottleRepository(deps.mongo, DEFAULT_SIGN_IN_LIMITS.windowMs),
    sessions,
    logger: deps.logger,
    now,
  });
  const apiKeys = createApiKeyService({ keys: createApiKeyRepository(deps.mongo), bootstrap: deps.bootstrapKeys, now });
  return { users, sessions, signIn, apiKeys, signOut: (sessionId) => sessions.revoke(sessionId), bootstrapAdmin: (value) => bootstrapAdminFromEnv(users, value) };
}
