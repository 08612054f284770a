import { Hono } from 'hono';
import { webSecurityHeaders } from './http/security-headers.js';
import { createCachedViews } from './live/cached-tracking-queries.js';
import { worldOutlines } from './map/world-outlines.js';
import { registerAssetRoutes } from './routes/asset-routes.js';
import { registerCustomerRoutes } from './routes/customer-routes.js';
import { registerLiveRoutes } from './routes/live-routes.js';
import { registerLookupRoutes, socketIp } from './routes/lookup-routes.js';
import { registerTrackingRoutes } from './routes/tracking-routes.js';
import type { ResolvedWebDeps, WebRouterDeps } from './routes/web-deps.js';

/** Paths this router owns; its middleware is bound to them only, so mounting at `/` leaves /api alone. */
const PAGE_PATHS = ['/track', '/t/*', '/my-orders', '/embed/*', '/web/*'];

/**
 * The customer pages (`/track`, `/t/:token`, its live stream and forms, `/my-orders`, `/embed/t/:token`)
 * and their assets, as one Hono router the lead mounts at `/`.
 */
export function createWebRouter(deps: WebRouterDeps): Hono {
  const resolved: ResolvedWebDeps = {
    ...deps,
    now: deps.now ?? Date.now,
    clientIp: deps.clientIp ?? socketIp,
    liveHub:
      deps.liveHub ??
      createCachedViews(deps.queries, deps.changes, { livePollMs: deps.config.livePollMs, viewCache: { ...deps.config.viewCache, maxEntries: 0 } }, (err) =>
        deps.logger?.warn('live poll failed', { err: String(err) }),
      ).liveHub,
  };
  const logoOrigin = deps.config.brand.logoUrl?.startsWith('https://') ? [new URL(deps.config.brand.logoUrl).origin] : [];
  // Decode the atlas now (about half a second) rather than on some customer's first map.
  worldOutlines();
  const router = new Hono();
  const headers = webSecurityHeaders({ embedFrameAncestors: deps.config.embedFrameAncestors, extraImgSrc: logoOrigin });
  for (const path of PAGE_PATHS) router.use(path, headers);
  registerAssetRoutes(router);
  registerLookupRoutes(router, resolved);
  registerLiveRoutes(router, resolved);
  registerTrackingRoutes(router, resolved);
  registerCustomerRoutes(router, resolved);
  return router;
}
