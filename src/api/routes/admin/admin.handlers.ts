import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../create-app.js';
import { notFound } from '../../errors.js';
import { apiKeyAuth } from '../../middleware/api-key-auth.js';
import { toOrderView } from '../orders/order-view.js';
import { markInPreparationRoute, pollNowRoute, rematchWebhookRoute, shipmentDetailRoute, unmatchedWebhooksRoute } from './admin.routes.js';

/** Admin endpoints for one shipment: thin handlers over the services. */
export function registerAdminRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.use('/api/v1/admin/*', apiKeyAuth(() => deps.auth.adminApiKeys));

  app.openapi(shipmentDetailRoute, async (c) => {
    const { code } = c.req.valid('param');
    const s = deps.services;
    const order = await s.orders.findByCode(code);
    if (!order) throw notFound('Order');
    const [shipment, events, auditLog, notifications, alerts, workflow] = await Promise.all([
      s.projections.findShipment(code),
      s.projections.listEvents(code),
      s.projections.listStatusChanges(code),
      s.notifications.listForOrder(code),
      s.alerts.list({ orderCode: code }),
      s.shipmentActions.workflowState(order),
    ]);
    return c.json(
      {
        order: toOrderView(order, deps.publicBaseUrl),
        shipment,
        events,
        auditLog,
        notifications: notifications as unknown as Record<string, unknown>[],
        alerts: alerts as unknown as Record<string, unknown>[],
        workflow: workflow as unknown as Record<string, unknown> | null,
      },
      200,
    );
  });

  app.openapi(pollNowRoute, async (c) => {
    await deps.services.shipmentActions.pollNow(c.req.valid('param').code);
    return c.body(null, 202);
  });

  app.openapi(markInPreparationRoute, async (c) => {
    const state = await deps.services.shipmentActions.markInPreparation(c.req.valid('param').code);
    return c.json(state as unknown as Record<string, unknown>, 200);
  });

  app.openapi(unmatchedWebhooksRoute, async (c) => {
    const { trackingNumber, limit } = c.req.valid('query');
    const entries = await deps.services.webhookInbox.unmatched({ limit, ...(trackingNumber ? { trackingNumber } : {}) });
    const webhooks = entries.map(({ id, carrierId, receivedAt, status, deliveries, updates }) => ({
      id,
      carrierId,
      receivedAt,
      status,
      deliveries,
      updates: updates as unknown as Record<string, unknown>[],
    }));
    return c.json({ webhooks }, 200);
  });

  app.openapi(rematchWebhookRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { trackingNumber, orderCode } = c.req.valid('json');
    if (!(await deps.services.orders.findByCode(orderCode))) throw notFound('Order');
    const status = await deps.services.webhookRelay.rematch(id, trackingNumber, orderCode);
    if (status === null) throw notFound('Webhook');
    return c.json({ status }, 200);
  });
}
