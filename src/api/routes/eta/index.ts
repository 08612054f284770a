import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { etaAccuracyRoute } from './eta.routes.js';

/** Admin: the ETA's accuracy in production (issue #23); guarded by `adminAccess` (create-app.ts) like every admin route. */
export function etaRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(etaAccuracyRoute, async (c) => {
    const { by, since } = c.req.valid('query');
    return c.json(await deps.services.etaQueries.accuracy(by, since), 200);
  });
  return router;
}
