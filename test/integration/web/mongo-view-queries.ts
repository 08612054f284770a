import type { Connection } from 'mongoose';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import { createTrackingViewRepository } from '../../../src/db/tracking-views/repository.js';
import { createRateLimitRepository } from '../../../src/db/rate-limits/repository.js';
import { createProjectionRepository } from '../../../src/db/shipments/projection-repository.js';
import type { Milestone, ShipmentStatus } from '../../../src/domain/shipment-status.js';
import type { TrackingPageQueries, TrackingView, ViewEvent } from '../../../src/web/tracking-page-queries.js';
import type { WebRouterDeps } from '../../../src/web/routes/web-deps.js';

/**
 * A minimal read-model loader for these tests (one "API process" per connection): enough of a tracking
 * view from the orders and tracking_events collections. The wiring phase replaces it with the real one.
 */
export function mongoWebDeps(connection: Connection): Omit<WebRouterDeps, 'config'> {
  const orders = createOrderRepository(connection);
  const projections = createProjectionRepository(connection);
  const unsupported = async () => {
    throw new Error('not used by these tests');
  };
  const queries: TrackingPageQueries = {
    async findLookupSubject(orderCode) {
      const o = await orders.findByCode(orderCode);
      return o ? { orderCode, postalCode: o.shippingAddress.postalCode } : null;
    },
    async loadTrackingView(orderCode): Promise<TrackingView | null> {
      const o = await orders.findByCode(orderCode);
      if (!o) return null;
      const events = (await projections.listEvents(orderCode)).map(
        (e): ViewEvent => ({ occurredAt: String(e.occurredAt), status: e.status as ShipmentStatus, description: String(e.description ?? '') }),
      );
      return {
        orderCode,
        revision: o.revision,
        status: o.status,
        milestone: o.milestone as Milestone,
        milestoneAt: {},
        placedAt: o.placedAt,
        carrier: { id: o.carrierId, name: o.carrierId.toUpperCase(), logoUrl: `/static/carriers/${o.carrierId}.svg` },
        events,
        destination: { city: o.shippingAddress.city, country: o.shippingAddress.country },
        contact: {},
        items: o.items.map((i) => ({ name: i.name, quantity: i.quantity })),
        preferences: { channels: o.notificationPreferences.channels, language: o.notificationPreferences.language },
      };
    },
    findOrderCodeByLegacyToken: async (token) => (await orders.findByTrackingToken(token))?.code ?? null,
    listCustomerOrders: unsupported,
    savePreferences: unsupported,
    saveFeedback: unsupported,
    savePushSubscription: unsupported,
  };
  const views = createTrackingViewRepository(connection);
  return { queries, changes: { changedSince: (since) => views.writtenSince(since) }, rateLimits: createRateLimitRepository(connection) };
}
