import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken, safeEqual } from '../../../services/admin-auth/secrets.js';
import { sendPage } from '../../routes/render.js';
import type { AdminPagesDeps } from '../admin-deps.js';
import { ADMIN_BASE, clearSessionCookie, PRE_SESSION_COOKIE, sessionCookieId, setSessionCookie } from '../http/admin-session.js';
import { SignInPage } from '../pages/sign-in-page.js';

/** Only our own admin paths are followed after sign-in (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/admin([/?][^\\]*)?$/.test(value) && !value.startsWith('/admin//') && value.length < 500 ? value : ADMIN_BASE;
}

/** A fresh pre-session token in its cookie; the form repeats it (double submit: another site can read neither). */
function preSessionToken(c: Context, deps: AdminPagesDeps): string {
  const token = randomToken();
  setCookie(c, PRE_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: `${ADMIN_BASE}/sign-in`, secure: deps.secureCookies, maxAge: 3600 });
  return token;
}

/** `/admin/sign-in` (form and check) and `/admin/sign-out`. */
export function registerSignInRoutes(router: Hono, deps: AdminPagesDeps): void {
  router.get('/sign-in', async (c) => {
    // The form even when signed in: signing in again (as someone else) rotates the session.
    const next = c.req.query('next');
    return sendPage(c, <SignInPage token={preSessionToken(c, deps)} signedOut={c.req.query('signed-out') === '1'} {...(next ? { next: safeNext(next) } : {})} />);
  });

  router.post('/sign-in', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const email = typeof form.email === 'string' ? form.email.trim().slice(0, 320) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 300) : '';
    const next = safeNext(form.next);
    const cookieToken = getCookie(c, PRE_SESSION_COOKIE);
    const again = (error: string, status: 400 | 401 | 403 | 429) =>
      sendPage(c, <SignInPage token={preSessionToken(c, deps)} email={email} error={error} next={next} />, status);
    if (typeof form._pre !== 'string' || !cookieToken || !safeEqual(form._pre, cookieToken)) {
      return again('The sign-in form expired. Please try again.', 403);
    }
    if (!email || !password) return again('Enter your e-mail and password.', 400);
    const userAgent = c.req.header('user-agent');
    const previousSessionId = sessionCookieId(c);
    const result = await deps.signIn({
      email,
      password,
      ip: deps.clientIp(c),
      ...(userAgent ? { userAgent } : {}),
      ...(previousSessionId ? { previousSessionId } : {}),
    });
    if (!result.ok && result.reason === 'rate_limited') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      return again(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 429);
    }
    if (!result.ok) return again('Wrong e-mail or password.', 401);
    setSessionCookie(c, deps, result.sessionId);
    return c.redirect(next, 303);
  });

  // Sign-out needs the session's CSRF token (a forged sign-out is a nuisance, not harmless).
  router.post('/sign-out', async (c) => {
    const sessionId = sessionCookieId(c);
    const session = await deps.sessions.resolve(sessionId);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (session && (typeof form._csrf !== 'string' || !safeEqual(form._csrf, session.csrfToken))) return c.text('This form has expired. Reload and try again.', 403);
    await deps.signOut(sessionId, session?.user);
    clearSessionCookie(c, deps);
    return c.redirect(`${ADMIN_BASE}/sign-in?signed-out=1`, 303);
  });
}
