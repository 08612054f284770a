import { Hono } from 'hono';
import { contentSecurityPolicy } from '../http/security-headers.js';
import type { AdminPagesDeps } from './admin-deps.js';
import { registerAdminAssets } from './assets/admin-assets.js';
import { requireSession, type AdminEnv } from './http/admin-session.js';
import { registerAdminListRoutes } from './routes/admin-list-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerShipmentRoutes } from './routes/shipment-routes.js';
import { registerSignInRoutes } from './routes/sign-in-routes.js';

/**
 * The admin pages, as one router the API mounts at `/admin`: public assets and sign-in, everything else
 * behind a session (signed out → the sign-in page; every POST checked against the session's CSRF token).
 */
export function createAdminRouter(deps: AdminPagesDeps): Hono {
  const router = new Hono();
  const csp = contentSecurityPolicy({ frameAncestors: [] });
  router.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });
  registerAdminAssets(router);
  registerSignInRoutes(router, deps);

  const pages = new Hono<AdminEnv>();
  pages.use('*', requireSession(deps));
  registerReportRoutes(pages, deps);
  registerShipmentRoutes(pages, deps);
  registerAdminListRoutes(pages, deps);
  router.route('/', pages);
  return router;
}
