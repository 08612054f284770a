import { createRoute, z } from '@hono/zod-openapi';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), mongo: z.boolean(), temporal: z.boolean() }).openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['System'],
  summary: 'Liveness and dependency health',
  responses: {
    200: { description: 'All dependencies reachable', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'A dependency is unreachable', content: { 'application/json': { schema: HealthSchema } } },
  },
});
