import type { AlertRepository } from '../../db/alerts/repository.js';
import type { NotificationRepository } from '../../db/notifications/repository.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { ProjectionRepository } from '../../db/shipments/projection-repository.js';
import type { WebhookInboxRepository } from '../../db/webhook-inbox/repository.js';
import { notFoundError } from '../service-error.js';
import type { ShipmentActions } from '../shipment-actions.js';
import { toOrderView, type OrderLinks } from './order-view.js';

/** An unmatched webhook as the admin list shows it (the raw body and relay bookkeeping stay in the inbox). */
export interface UnmatchedWebhookView {
  id: string;
  carrierId: string;
  receivedAt: string;
  status: string;
  deliveries: Array<{ trackingNumber: string; orderCode?: string; state: string }>;
  updates: unknown[];
}

/** Admin reads: everything known about one shipment, and the webhooks that matched no order. */
export function createAdminQueries(deps: {
  orders: OrderRepository;
  projections: ProjectionRepository;
  notifications: NotificationRepository;
  alerts: AlertRepository;
  inbox: WebhookInboxRepository;
  workflowState: ShipmentActions['workflowState'];
  links: OrderLinks;
}) {
  return {
    async shipmentDetail(code: string) {
      const order = await deps.orders.findByCode(code);
      if (!order) throw notFoundError('Order');
      const [shipment, events, auditLog, notifications, alerts, workflow] = await Promise.all([
        deps.projections.findShipment(code),
        deps.projections.listEvents(code),
        deps.projections.listStatusChanges(code),
        deps.notifications.listForOrder(code),
        deps.alerts.list({ orderCode: code }),
        deps.workflowState(order),
      ]);
      return { order: toOrderView(order, deps.links), shipment, events, auditLog, notifications, alerts, workflow };
    },

    /** Newest first, optionally for one tracking number. */
    async unmatchedWebhooks(options: { trackingNumber?: string; limit: number }): Promise<UnmatchedWebhookView[]> {
      const entries = await deps.inbox.unmatched(options);
      return entries.map(({ id, carrierId, receivedAt, status, deliveries, updates }) => ({ id, carrierId, receivedAt, status, deliveries, updates }));
    },
  };
}

export type AdminQueries = ReturnType<typeof createAdminQueries>;
