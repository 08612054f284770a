import type { RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env.js';
import type { healthRoute } from './system.routes.js';

/** Health for load balancers and the dev script: 503 while MongoDB or Temporal is unreachable. */
export const health =
  ({ services }: AppDeps): RouteHandler<typeof healthRoute, AppEnv> =>
  async (c) => {
    const [mongo, temporal] = await Promise.all([services.health.mongo(), services.health.temporal()]);
    const ok = mongo && temporal;
    return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), mongo, temporal }, ok ? 200 : 503);
  };
