import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Logger } from '../../observability/logger.js';
import type { AdminAuthServices } from '../../services/admin-auth/admin-auth-services.js';
import type { AdminAction } from '../../services/admin-auth/roles.js';
import { csrfTokenMatches } from '../../services/admin-auth/sessions.js';
import { actorAllows, keyActor, userActor, type Actor } from '../../services/admin-actions/index.js';
import type { AppEnv } from '../app-env.js';
import { AppError, unauthorized } from '../errors.js';
import { clientAddress, type AbuseLimits } from './abuse-limits.js';
import { presentedKey, tooManyRequests } from './api-key-auth.js';

/** The admin session cookie (its value is the session id; the database keeps only its hash). */
export const ADMIN_SESSION_COOKIE = 'ot_admin';
/** The header a session-authenticated state-changing request carries its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AdminAccessDeps {
  auth: Pick<AdminAuthServices, 'sessions' | 'apiKeys'>;
  logger: Logger;
  /** Failed authentications counted per client address (none in unit tests). */
  abuseLimits?: AbuseLimits;
  /** What every request under this middleware needs at least (default `read`); actions check more themselves. */
  need?: AdminAction;
}

/**
 * Who is calling an admin or reports route: a machine key (`Authorization: Bearer` or `X-API-Key`; stored
 * `otk_live_…` keys and the environment's bootstrap keys) or an admin session cookie (`ot_admin`; a
 * state-changing request must carry the session's token in `X-CSRF-Token`). Sets the Actor on the context.
 * Nothing, an unknown key or a dead session: 401; a bad CSRF token or a caller without `need` (a storefront
 * key): 403. A key is preferred when both are sent, so a script is never mistaken for a browser.
 */
export function adminAccess(deps: AdminAccessDeps): MiddlewareHandler<AppEnv> {
  const need = deps.need ?? 'read';

  async function refuse(c: Context, keySent: boolean, message: string): Promise<never> {
    const client = clientAddress(c);
    deps.logger.warn('admin credentials refused', { path: c.req.path, client, keySent });
    const over = (await deps.abuseLimits?.authFailed(client)) ?? 0;
    if (over > 0) {
      c.header('Retry-After', String(over));
      throw tooManyRequests(over, 'failed authentications');
    }
    throw unauthorized(message);
  }

  async function identify(c: Context): Promise<Actor> {
    const key = presentedKey((name) => c.req.header(name));
    if (key !== undefined) {
      const verified = await deps.auth.apiKeys.verifyApiKey(key);
      if (!verified) return refuse(c, true, 'Missing or invalid API key.');
      return keyActor(verified, 'admin-api');
    }
    const cookie = getCookie(c, ADMIN_SESSION_COOKIE);
    if (cookie === undefined) return refuse(c, false, 'Sign in or send an API key.');
    const session = await deps.auth.sessions.resolve(cookie);
    // A stale cookie is an everyday thing (the session expired), not a guess: not counted.
    if (!session) throw unauthorized('The admin session has ended; sign in again.');
    if (!SAFE_METHODS.has(c.req.method) && !csrfTokenMatches(session, c.req.header(CSRF_HEADER))) {
      throw new AppError(403, 'CSRF_FAILED', 'Missing or wrong X-CSRF-Token for this session.');
    }
    return userActor(session.user, 'admin-api');
  }

  return async (c, next) => {
    const wait = deps.abuseLimits?.authBlocked(clientAddress(c)) ?? 0;
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw tooManyRequests(wait, 'failed authentications');
    }
    const actor = await identify(c);
    if (!actorAllows(actor, need)) throw new AppError(403, 'FORBIDDEN', 'These credentials do not give access to admin data.');
    c.set('actor', actor);
    await next();
  };
}

/** The caller set by `adminAccess`; a route outside it answers 401 rather than acting for nobody. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw unauthorized('Sign in or send an API key.');
  return actor;
}
