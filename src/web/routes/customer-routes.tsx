import type { Hono } from 'hono';
import { signTrackingToken, verifyCustomerToken } from '../links/tracking-links.js';
import { EmbedPage } from '../pages/embed-page.js';
import { MyOrdersPage } from '../pages/my-orders-page.js';
import { ASSET_PATHS } from '../assets/asset-paths.js';
import { customerZone } from '../tracking/tracking-model.js';
import { invalidLinkPage } from './tracking-routes.js';
import { languageFor, linkSettings, resolveToken } from './page-setup.js';
import { sendPage } from './render.js';
import type { ResolvedWebDeps } from './web-deps.js';

const HEX = /^[0-9a-fA-F]{6}$/;

/** "My Orders" for a storefront-signed customer token, and the iframe-able compact view. */
export function registerCustomerRoutes(router: Hono, deps: ResolvedWebDeps): void {
  router.get('/my-orders', async (c) => {
    const now = deps.now();
    const verified = verifyCustomerToken(linkSettings(deps.config), c.req.query('token') ?? '', now);
    if (!verified.ok) return invalidLinkPage(c, deps, verified.reason === 'expired');
    const orders = await deps.queries.listCustomerOrders(verified.claims.u);
    const { lang, m } = languageFor(c);
    const sorted = [...orders].sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
    const rows = sorted.map((summary) => ({ summary, href: `/t/${signTrackingToken(linkSettings(deps.config), summary.orderCode, now)}` }));
    return sendPage(c, <MyOrdersPage lang={lang} m={m} zone="UTC" orders={rows} brand={deps.config.brand} />);
  });

  router.get('/embed/t/:token', async (c) => {
    const token = c.req.param('token');
    const resolved = await resolveToken(deps, token);
    if (!resolved.ok) return invalidLinkPage(c, deps, resolved.expired);
    const view = await deps.queries.loadTrackingView(resolved.orderCode);
    if (!view) return invalidLinkPage(c, deps, false);
    const { lang, m } = languageFor(c, view.language);
    const theme = new URLSearchParams();
    for (const key of ['accent', 'bg', 'ink']) {
      const v = c.req.query(key);
      if (v && HEX.test(v)) theme.set(key, v.toLowerCase());
    }
    if (!theme.has('accent') && deps.config.brand.accent && HEX.test(deps.config.brand.accent.replace('#', ''))) {
      theme.set('accent', deps.config.brand.accent.replace('#', '').toLowerCase());
    }
    return sendPage(
      c,
      <EmbedPage
        view={view}
        ctx={{ lang, m, zone: customerZone(view), now: deps.now() }}
        fullHref={`/t/${token}`}
        themeHref={theme.size > 0 ? `${ASSET_PATHS.theme}?${theme.toString()}` : undefined}
        brand={deps.config.brand}
      />,
    );
  });
}
