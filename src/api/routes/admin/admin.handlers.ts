import type { RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env.js';
import { actorOf } from '../../middleware/admin-access.js';
import type { markInPreparationRoute, pollNowRoute, rematchWebhookRoute, shipmentDetailRoute, unmatchedWebhooksRoute } from './admin.routes.js';

/** Loose records in the contract (the read model's documents as they are): the casts only widen types. */
type Loose = Record<string, unknown>;

export const shipmentDetail =
  ({ services }: AppDeps): RouteHandler<typeof shipmentDetailRoute, AppEnv> =>
  async (c) => {
    const detail = await services.adminQueries.shipmentDetail(c.req.valid('param').code);
    return c.json(
      {
        ...detail,
        notifications: detail.notifications as unknown as Loose[],
        alerts: detail.alerts as unknown as Loose[],
        workflow: detail.workflow as unknown as Loose | null,
      },
      200,
    );
  };

export const pollNow =
  ({ services }: AppDeps): RouteHandler<typeof pollNowRoute, AppEnv> =>
  async (c) => {
    await services.adminActions.pollNow(actorOf(c), c.req.valid('param').code);
    return c.body(null, 202);
  };

export const markInPreparation =
  ({ services }: AppDeps): RouteHandler<typeof markInPreparationRoute, AppEnv> =>
  async (c) => {
    const state = await services.adminActions.markInPreparation(actorOf(c), c.req.valid('param').code);
    return c.json(state as unknown as Loose, 200);
  };

export const unmatchedWebhooks =
  ({ services }: AppDeps): RouteHandler<typeof unmatchedWebhooksRoute, AppEnv> =>
  async (c) => {
    const { trackingNumber, limit } = c.req.valid('query');
    const webhooks = await services.adminQueries.unmatchedWebhooks({ limit, ...(trackingNumber ? { trackingNumber } : {}) });
    return c.json({ webhooks: webhooks.map((w) => ({ ...w, updates: w.updates as Loose[] })) }, 200);
  };

export const rematchWebhook =
  ({ services }: AppDeps): RouteHandler<typeof rematchWebhookRoute, AppEnv> =>
  async (c) => {
    const { trackingNumber, orderCode } = c.req.valid('json');
    return c.json({ status: await services.adminActions.rematchWebhook(actorOf(c), c.req.valid('param').id, orderCode, trackingNumber) }, 200);
  };
