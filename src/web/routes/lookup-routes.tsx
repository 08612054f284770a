import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { fill } from '../i18n/i18n.js';
import { signTrackingToken } from '../links/tracking-links.js';
import { proofMatches } from '../lookup/lookup-proof.js';
import { LookupPage } from '../pages/lookup-page.js';
import { checkLimits } from '../rate-limit/fixed-window-limiter.js';
import { languageFor, linkSettings } from './page-setup.js';
import { sendPage } from './render.js';
import type { ResolvedWebDeps } from './web-deps.js';

/** The socket's address; `app.request()` in tests has none. */
export function socketIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `/track`: the form, and the look-up that answers alike for "no such order" and "wrong e-mail". */
export function registerLookupRoutes(router: Hono, deps: ResolvedWebDeps): void {
  const brand = deps.config.brand;

  router.get('/track', (c) => {
    const { lang, m } = languageFor(c);
    return sendPage(c, <LookupPage lang={lang} m={m} orderCode={c.req.query('order') ?? ''} brand={brand} />);
  });

  router.post('/track', async (c) => {
    const { lang, m } = languageFor(c);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const order = typeof form.order === 'string' ? form.order.trim().slice(0, 100) : '';
    const proof = typeof form.proof === 'string' ? form.proof.trim().slice(0, 254) : '';
    if (!order || !proof) return sendPage(c, <LookupPage lang={lang} m={m} orderCode={order} error={m.lookupMissing} brand={brand} />, 400);

    const now = deps.now();
    const { windowMs, max } = deps.config.lookupRateLimit;
    // Per client and per order: a single order cannot be brute-forced from many addresses either.
    const limit = await checkLimits(
      deps.rateLimits,
      [
        { rule: { name: 'lookup-ip', windowMs, max }, key: deps.clientIp(c) },
        { rule: { name: 'lookup-order', windowMs, max: max * 2 }, key: order.toUpperCase() },
      ],
      now,
    );
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSeconds));
      const error = fill(m.rateLimited, { minutes: Math.max(1, Math.ceil(limit.retryAfterSeconds / 60)) });
      return sendPage(c, <LookupPage lang={lang} m={m} orderCode={order} error={error} brand={brand} />, 429);
    }

    const subject = await deps.queries.findLookupSubject(order);
    if (!proofMatches(subject, proof) || !subject) {
      return sendPage(c, <LookupPage lang={lang} m={m} orderCode={order} error={m.lookupNoMatch} brand={brand} />, 404);
    }
    return c.redirect(`/t/${signTrackingToken(linkSettings(deps.config), subject.orderCode, now)}`, 303);
  });
}
