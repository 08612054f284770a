import type { Context, Hono } from 'hono';
import { isLanguage } from '../i18n/i18n.js';
import { signTrackingToken } from '../links/tracking-links.js';
import { LookupPage } from '../pages/lookup-page.js';
import { customerZone } from '../tracking/tracking-model.js';
import { isWorkflowUnavailable } from '../tracking-page-queries.js';
import { TrackingPage } from '../tracking/tracking-page.js';
import { languageFor, linkSettings, resolveToken } from './page-setup.js';
import { sendPage } from './render.js';
import type { ResolvedWebDeps } from './web-deps.js';

const CHANNELS = new Set(['email', 'sms', 'push']);
/** When to try a preferences change again after the workflow service did not answer. */
const PREFERENCES_RETRY_AFTER_S = 30;

/** The friendly re-entry page for a link that no longer works: never any order data. */
export function invalidLinkPage(c: Context, deps: ResolvedWebDeps, expired: boolean) {
  const { lang, m } = languageFor(c);
  return sendPage(c, <LookupPage lang={lang} m={m} linkInvalid brand={deps.config.brand} />, expired ? 410 : 404);
}

/** `/t/:token`: the tracking view and its forms (POST + redirect, so they work without JavaScript). */
export function registerTrackingRoutes(router: Hono, deps: ResolvedWebDeps): void {
  router.get('/t/:token', async (c) => {
    const token = c.req.param('token');
    const resolved = await resolveToken(deps, token);
    if (!resolved.ok) return invalidLinkPage(c, deps, resolved.expired);
    // A legacy link is swapped for a signed one, so bookmarks move to the new scheme as they are used.
    if (resolved.legacy) return c.redirect(`/t/${signTrackingToken(linkSettings(deps.config), resolved.orderCode, deps.now())}`, 302);
    const saved = c.req.query('saved');
    // Right after the customer's own change (the redirect says so), which another process may have made:
    // read the database, not this process's cached view, so the page shows what was just saved.
    const view = await deps.queries.loadTrackingView(resolved.orderCode, saved ? { fresh: true } : undefined);
    if (!view) return invalidLinkPage(c, deps, false);
    const { lang, m } = languageFor(c, view.language);
    return sendPage(
      c,
      <TrackingPage
        view={view}
        ctx={{ lang, m, zone: customerZone(view), now: deps.now() }}
        base={`/t/${token}`}
        saved={saved === 'preferences' || saved === 'feedback' ? saved : undefined}
        pushKey={deps.config.vapidPublicKey}
        brand={deps.config.brand}
      />,
    );
  });

  router.post('/t/:token/preferences', async (c) => {
    const token = c.req.param('token');
    const resolved = await resolveToken(deps, token);
    if (!resolved.ok || resolved.legacy) return invalidLinkPage(c, deps, !resolved.ok && resolved.expired);
    const form = await c.req.parseBody({ all: true });
    const raw = form.channels;
    const channels = [...new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string' && CHANNELS.has(v)))];
    const language = typeof form.language === 'string' && isLanguage(form.language) ? form.language : 'en';
    try {
      await deps.queries.savePreferences(resolved.orderCode, { channels, language });
    } catch (err) {
      if (!isWorkflowUnavailable(err)) throw err;
      // A form post from a browser: the page again, saying what happened and what is kept, not JSON.
      const view = await deps.queries.loadTrackingView(resolved.orderCode, { fresh: true });
      if (!view) throw err;
      const page = languageFor(c, view.language);
      c.header('Retry-After', String(PREFERENCES_RETRY_AFTER_S));
      return sendPage(
        c,
        <TrackingPage
          view={view}
          ctx={{ ...page, zone: customerZone(view), now: deps.now() }}
          base={`/t/${token}`}
          unsavedPreferences={{ channels, language }}
          pushKey={deps.config.vapidPublicKey}
          brand={deps.config.brand}
        />,
        503,
      );
    }
    return c.redirect(`/t/${token}?saved=preferences#preferences`, 303);
  });

  router.post('/t/:token/feedback', async (c) => {
    const token = c.req.param('token');
    const resolved = await resolveToken(deps, token);
    if (!resolved.ok || resolved.legacy) return invalidLinkPage(c, deps, !resolved.ok && resolved.expired);
    const form = await c.req.parseBody();
    const rating = Number(form.rating);
    const comment = typeof form.comment === 'string' ? form.comment.trim().slice(0, 1000) : '';
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      return c.json({ error: { code: 'INVALID_RATING', message: 'rating must be a whole number from 1 to 5' } }, 400);
    }
    const result = await deps.queries.saveFeedback(resolved.orderCode, comment ? { rating, comment } : { rating });
    if (result === 'not_delivered') return c.json({ error: { code: 'NOT_DELIVERED', message: 'feedback opens once the order is delivered' } }, 409);
    return c.redirect(`/t/${token}?saved=feedback#feedback`, 303);
  });

  router.post('/t/:token/push', async (c) => {
    const resolved = await resolveToken(deps, c.req.param('token'));
    if (!resolved.ok || resolved.legacy) return c.json({ error: { code: 'LINK_INVALID', message: 'this tracking link no longer works' } }, 404);
    const body = (await c.req.json().catch(() => null)) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } } | null;
    const endpoint = body?.endpoint;
    const p256dh = body?.keys?.p256dh;
    const auth = body?.keys?.auth;
    if (typeof endpoint !== 'string' || !/^https:\/\//.test(endpoint) || typeof p256dh !== 'string' || typeof auth !== 'string') {
      return c.json({ error: { code: 'INVALID_SUBSCRIPTION', message: 'expected a PushSubscription with an https endpoint and keys' } }, 400);
    }
    await deps.queries.savePushSubscription(resolved.orderCode, { endpoint, keys: { p256dh, auth } });
    return c.json({ subscribed: true }, 201);
  });
}
