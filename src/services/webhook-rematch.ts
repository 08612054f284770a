import type { OrderRepository } from '../db/orders/repository.js';
import { notFoundError } from './service-error.js';

/** The admin's fix for an unmatched webhook: point one of its tracking numbers at an order and relay it. */
/** The relay's part this needs: relays one stored entry with a delivery pointed at an order; null if unknown. */
export interface RematchingRelay {
  rematch(id: string, trackingNumber: string, orderCode: string): Promise<string | null>;
}

export function createWebhookRematch(deps: { orders: OrderRepository; relay: RematchingRelay }) {
  return {
    /** Returns the entry's relay status afterwards; NOT_FOUND for an unknown order or webhook. */
    async rematch(id: string, trackingNumber: string, orderCode: string): Promise<string> {
      if (!(await deps.orders.findByCode(orderCode))) throw notFoundError('Order');
      const status = await deps.relay.rematch(id, trackingNumber, orderCode);
      if (status === null) throw notFoundError('Webhook');
      return status;
    },
  };
}

export type WebhookRematch = ReturnType<typeof createWebhookRematch>;
