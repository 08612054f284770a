import type { Connection } from 'mongoose';
import type { OpenShipmentCursor } from '../../domain/carrier-health.js';
import { TERMINAL_STATUSES } from '../../domain/status-rank.js';
import { orderModel } from '../orders/schema.js';

/**
 * The carrier's orders still under way, a page at a time in `(placedAt, code)` order (the orders'
 * `{carrierId, placedAt}` index serves it): the shipments to poll after an outage.
 */
export function createOpenShipmentPages(connection: Connection) {
  const Orders = orderModel(connection);
  return {
    async count(carrierId: string): Promise<number> {
      return Orders.countDocuments({ carrierId, status: { $nin: TERMINAL_STATUSES } });
    },

    async page(carrierId: string, after: OpenShipmentCursor | undefined, limit: number): Promise<{ codes: string[]; next?: OpenShipmentCursor }> {
      const afterAt = after ? new Date(after.placedAt) : undefined;
      const docs = await Orders.find({
        carrierId,
        status: { $nin: TERMINAL_STATUSES },
        ...(after && afterAt ? { $or: [{ placedAt: { $gt: afterAt } }, { placedAt: afterAt, code: { $gt: after.code } }] } : {}),
      })
        .sort({ placedAt: 1, code: 1 })
        .limit(limit)
        .select({ code: 1, placedAt: 1 })
        .lean<{ code: string; placedAt: Date }[]>();
      const last = docs[docs.length - 1];
      const codes = docs.map((d) => d.code);
      if (!last || docs.length < limit) return { codes };
      return { codes, next: { placedAt: last.placedAt.toISOString(), code: last.code } };
    },
  };
}

export type OpenShipmentPages = ReturnType<typeof createOpenShipmentPages>;
