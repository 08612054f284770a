import type { Context, Hono } from 'hono';
import { ROLE_ACTIONS, type AdminRole } from '../../../services/admin-auth/roles.js';
import { sendPage } from '../../routes/render.js';
import type { AdminPagesDeps, AuditQueryInput } from '../admin-deps.js';
import { actAndReturn, doneText, errorCode, errorText, formList, formText } from '../http/action-outcome.js';
import { requireRole, type AdminEnv } from '../http/admin-session.js';
import { AuditPage } from '../pages/audit-page.js';
import { UsersPage, type ShownOnce } from '../pages/users-page.js';
import { WebhooksPage } from '../pages/webhooks-page.js';

const AUDIT_LIMIT = 200;
const AUDIT_SOURCES = ['admin-page', 'admin-api', 'cli', 'system'] as const;
const isRole = (v: string): v is AdminRole => Object.hasOwn(ROLE_ACTIONS, v);
const flash = (c: Context) => {
  const done = doneText(c.req.query('done'));
  const error = errorText(c.req.query('error'));
  return { ...(done ? { done } : {}), ...(error ? { error } : {}) };
};

/** A `datetime-local` value (UTC) or an ISO instant to ISO; anything else is dropped. */
function instant(value: string | undefined): string | undefined {
  if (!value || value.length > 40) return undefined;
  const t = Date.parse(/Z|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Unmatched webhooks (re-match, discard), the audit log, and people and keys. */
export function registerAdminListRoutes(router: Hono<AdminEnv>, deps: AdminPagesDeps): void {
  const name = (id: string) => deps.carrierNames[id] ?? id;
  const act = requireRole('shipments:act');

  router.get('/webhooks', async (c) => {
    const webhooks = await deps.queries.unmatchedWebhooks(100);
    return sendPage(c, <WebhooksPage session={c.get('session')} webhooks={webhooks} carrierName={name} {...flash(c)} />);
  });
  router.post('/webhooks/:id/rematch', act, async (c) => {
    const trackingNumber = await formText(c, 'trackingNumber', 40);
    const orderCode = await formText(c, 'orderCode', 64);
    if (!orderCode) return c.redirect('/admin/webhooks?error=INVALID', 303);
    return actAndReturn(c, deps, '/admin/webhooks', 'rematched', () => deps.actions.rematchWebhook(c.get('actor'), c.req.param('id'), orderCode, trackingNumber || undefined));
  });
  router.post('/webhooks/:id/discard', act, (c) => actAndReturn(c, deps, '/admin/webhooks', 'discarded', () => deps.actions.discardWebhook(c.get('actor'), c.req.param('id'))));

  router.get('/audit', async (c) => {
    const text = (k: string, max: number) => c.req.query(k)?.trim().slice(0, max) || undefined;
    const from = instant(c.req.query('from'));
    const to = instant(c.req.query('to'));
    const source = AUDIT_SOURCES.find((s) => s === c.req.query('source'));
    const filter: AuditQueryInput = {
      ...(text('order', 64) ? { orderCode: text('order', 64)! } : {}),
      ...(text('actor', 320) ? { actor: text('actor', 320)! } : {}),
      ...(source ? { source } : {}),
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(to) } : {}),
    };
    const page = await deps.actions.searchAudit(c.get('actor'), { ...filter, limit: AUDIT_LIMIT });
    return sendPage(c, <AuditPage session={c.get('session')} filter={filter} entries={page.entries} limit={AUDIT_LIMIT} />);
  });

  const admin = requireRole('users:manage');
  const usersPage = async (c: Context<AdminEnv>, shown?: ShownOnce, status: 200 | 400 = 200) => {
    const [users, keys] = await Promise.all([deps.actions.listUsers(c.get('actor')), deps.actions.listApiKeys(c.get('actor'))]);
    return sendPage(c, <UsersPage session={c.get('session')} users={users} keys={keys} {...(shown ? { shown } : {})} {...flash(c)} />, status);
  };
  router.get('/users', admin, (c) => usersPage(c));
  router.post('/users', admin, async (c) => {
    const role = await formText(c, 'role', 20);
    const displayName = await formText(c, 'displayName', 100);
    const email = await formText(c, 'email', 320);
    if (!isRole(role) || !email) return c.redirect('/admin/users?error=INVALID', 303);
    try {
      const created = await deps.actions.createUser(c.get('actor'), { email, role, ...(displayName ? { displayName } : {}) });
      return usersPage(c, created.generatedPassword ? { what: `Password of ${created.user.email}`, value: created.generatedPassword } : undefined);
    } catch (err) {
      return c.redirect(`/admin/users?error=${errorCode(err, deps)}`, 303);
    }
  });
  router.post('/users/:id/role', admin, async (c) => {
    const role = await formText(c, 'role', 20);
    if (!isRole(role)) return c.redirect('/admin/users?error=INVALID', 303);
    return actAndReturn(c, deps, '/admin/users', 'role', () => deps.actions.setUserRole(c.get('actor'), c.req.param('id'), role));
  });
  router.post('/users/:id/disable', admin, (c) => actAndReturn(c, deps, '/admin/users', 'disabled', () => deps.actions.disableUser(c.get('actor'), c.req.param('id'))));
  router.post('/users/:id/reset-password', admin, async (c) => {
    try {
      const { generatedPassword } = await deps.actions.resetPassword(c.get('actor'), c.req.param('id'));
      return usersPage(c, generatedPassword ? { what: 'The new password', value: generatedPassword } : undefined);
    } catch (err) {
      return c.redirect(`/admin/users?error=${errorCode(err, deps)}`, 303);
    }
  });
  router.post('/keys', requireRole('keys:manage'), async (c) => {
    const name = await formText(c, 'name', 100);
    const scopes = await formList(c, 'scopes');
    try {
      const { key, record } = await deps.actions.createApiKey(c.get('actor'), { name, scopes });
      return usersPage(c, { what: `Key "${record.name}"`, value: key });
    } catch (err) {
      return c.redirect(`/admin/users?error=${errorCode(err, deps)}`, 303);
    }
  });
  router.post('/keys/:keyId/revoke', requireRole('keys:manage'), (c) => actAndReturn(c, deps, '/admin/users', 'revoked', () => deps.actions.revokeApiKey(c.get('actor'), c.req.param('keyId'))));
}
