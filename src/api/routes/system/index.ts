import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { health } from './system.handlers.js';
import { healthRoute } from './system.routes.js';

/** System endpoints: health. */
export function systemRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(healthRoute, health(deps));
  return router;
}
