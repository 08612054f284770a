import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../create-app.js';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), mongo: z.boolean(), temporal: z.boolean() }).openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['System'],
  summary: 'Liveness and dependency health',
  responses: {
    200: { description: 'All dependencies reachable', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'A dependency is unreachable', content: { 'application/json': { schema: HealthSchema } } },
  },
});

/** Health endpoint for load balancers and the dev script. */
export function registerSystemRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(healthRoute, async (c) => {
    const [mongo, temporal] = await Promise.all([deps.services.health.mongo(), deps.services.health.temporal()]);
    const ok = mongo && temporal;
    return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), mongo, temporal }, ok ? 200 : 503);
  });
}
