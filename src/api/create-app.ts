import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { createRouter, type AppDeps, type AppEnv } from './app-env.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { ADMIN_SESSION_COOKIE, adminAccess } from './middleware/admin-access.js';
import { bodySizeLimit } from './middleware/body-size-limit.js';
import { securityHeaders } from './middleware/security-headers.js';
import { packageVersion } from './package-version.js';
import { adminRouter } from './routes/admin/index.js';
import { docsRouter } from './routes/docs/index.js';
import { etaRouter } from './routes/eta/index.js';
import { ordersRouter } from './routes/orders/index.js';
import { reportsRouter } from './routes/reports/index.js';
import { staticRouter } from './routes/static/index.js';
import { systemRouter } from './routes/system/index.js';
import { webhooksRouter } from './routes/webhooks/index.js';
import { notificationsRouter } from './routes/notifications/index.js';

export type { AppDeps, AppEnv } from './app-env.js';

/** Builds the HTTP app; `src/bin/api.ts` serves it and tests call `app.request()` or serve it on a port. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter();

  app.use('*', requestId());
  app.use('*', securityHeaders(deps.publicBaseUrl));
  app.use('/api/*', bodySizeLimit(256 * 1024, 'Request body'));
  // One guard for every admin and reports route, whichever router defines it: a route added later
  // cannot be left open by forgetting its own check.
  const access = adminAccess({ auth: deps.services.adminAuth, logger: deps.logger, ...(deps.abuseLimits ? { abuseLimits: deps.abuseLimits } : {}) });
  app.use('/api/v1/admin/*', access);
  app.use('/api/v1/reports/*', access);

  // Each area's router keeps its routes' full paths, so every one mounts at the root.
  app.route('/', systemRouter(deps));
  app.route('/', staticRouter());
  app.route('/', docsRouter());
  app.route('/', ordersRouter(deps));
  app.route('/', adminRouter(deps));
  app.route('/', etaRouter(deps));
  app.route('/', reportsRouter(deps));
  // Before the carrier webhooks' `/webhooks/:carrier`, though their paths' lengths differ anyway.
  app.route('/', notificationsRouter(deps));
  app.route('/', webhooksRouter(deps));
  // Pages (customer tracking at `/`, admin pages at `/admin`) mount here, after the API's routes.
  for (const { path, router } of deps.extraRouters ?? []) {
    // `/admin/` is how people type it; Hono matches `/admin` only, so the slash form redirects there.
    if (path !== '/') app.get(`${path}/`, (c) => c.redirect(`${path}${new URL(c.req.url).search}`, 301));
    app.route(path, router);
  }

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'order-tracking API',
      version: deps.version ?? packageVersion(),
      description: 'Storefront, tracking, admin and carrier-webhook endpoints of order-tracking.',
    },
    servers: [{ url: deps.publicBaseUrl }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'storefrontKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminSession', {
    type: 'apiKey',
    in: 'cookie',
    name: ADMIN_SESSION_COOKIE,
    description: 'The admin pages\' session; state-changing requests also send the session\'s token in X-CSRF-Token.',
  });

  app.notFound(notFoundHandler);
  app.onError(errorHandler(deps.logger));
  return app;
}
