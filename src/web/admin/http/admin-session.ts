import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { can, type AdminAction } from '../../../services/admin-auth/roles.js';
import { csrfTokenMatches, type ActiveSession } from '../../../services/admin-auth/sessions.js';
import type { AdminActor, AdminPagesDeps } from '../admin-deps.js';

/** The session cookie; Path=/admin keeps it off the customer pages and the API. */
export const SESSION_COOKIE = 'ot_admin';
/** The sign-in form's double-submit token, before any session exists. */
export const PRE_SESSION_COOKIE = 'ot_admin_pre';
export const ADMIN_BASE = '/admin';

/** Request variables of the admin pages behind sign-in. */
export type AdminEnv = { Variables: { session: ActiveSession; sessionId: string; actor: AdminActor } };

export const sessionCookieId = (c: Context) => getCookie(c, SESSION_COOKIE);

export function setSessionCookie(c: Context, deps: AdminPagesDeps, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: ADMIN_BASE,
    secure: deps.secureCookies,
    maxAge: Math.floor(deps.sessions.policy.absoluteMs / 1000),
  });
}

export function clearSessionCookie(c: Context, deps: AdminPagesDeps): void {
  deleteCookie(c, SESSION_COOKIE, { path: ADMIN_BASE, secure: deps.secureCookies });
}

export const actorOf = (session: ActiveSession): AdminActor => ({ kind: 'user', userId: session.user.id, email: session.user.email, role: session.user.role, source: 'admin-page' });

/**
 * Behind sign-in: a live session or a redirect to the sign-in page (with where to come back to). Every
 * POST must carry the session's CSRF token (`_csrf` field or `X-CSRF-Token`), else 403.
 */
export function requireSession(deps: AdminPagesDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const sessionId = sessionCookieId(c);
    const session = await deps.sessions.resolve(sessionId);
    if (!session || !sessionId) {
      if (sessionId) clearSessionCookie(c, deps);
      if (c.req.method !== 'GET') return c.text('Signed out: sign in again.', 401);
      const back = new URL(c.req.url);
      return c.redirect(`${ADMIN_BASE}/sign-in?next=${encodeURIComponent(back.pathname + back.search)}`, 303);
    }
    if (c.req.method === 'POST') {
      // `all`: Hono keeps the first parse, and the key form's scope checkboxes repeat a field.
      const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
      const presented = typeof form._csrf === 'string' ? form._csrf : c.req.header('x-csrf-token');
      if (!csrfTokenMatches(session, presented)) return c.text('This form has expired (CSRF token missing or wrong). Go back, reload and try again.', 403);
    }
    c.set('session', session);
    c.set('sessionId', sessionId);
    c.set('actor', actorOf(session));
    await next();
  };
}

/** The role check for one page or form; the services check again. */
export function requireRole(action: AdminAction): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (!can(c.get('session').user.role, action)) return c.text(`Your role (${c.get('session').user.role}) may not do this.`, 403);
    await next();
  };
}
