import type { DbConnection as Connection } from '../db/connection.js';
import { createCustomerRepository } from '../db/customers/repository.js';
import { createFeedbackRepository } from '../db/feedback/repository.js';
import { createOrderUpdateRepository } from '../db/order-updates/repository.js';
import type { OrderRepository } from '../db/orders/repository.js';
import { createPushSubscriptionRepository } from '../db/push-subscriptions/repository.js';
import { createRateLimitRepository } from '../db/rate-limits/repository.js';
import { createViewChangeRepository } from '../db/view-changes/repository.js';
import { createTrackingViewRepository } from '../db/tracking-views/repository.js';
import { memoizeCarrierNotice } from './queries/carrier-notice-memo.js';
import type { OrderLinks } from './queries/order-view.js';
import { createTrackingPageService, type TrackingPageService } from './queries/tracking-page-service.js';
import type { ShipmentActions } from './shipment-actions.js';
import type { CarrierHealthQueries } from './queries/carrier-health.js';

/**
 * What the customer pages (src/web's `createWebRouter`) are wired with, built here so the pages reach no
 * repository: the tracking-page queries, the live stream's source, the lookup's shared rate-limit counters,
 * the view caches' change feed, and the retention of `order_updates` and `view_changes` (FerretDB has no
 * TTL index) that the API process schedules.
 */
export interface CustomerPageParts {
  trackingPage: TrackingPageService;
  /**
   * Every process's changes to tracking views (new revisions, preference and feedback changes), for the view
   * caches and live pages. Reads at most `MAX_READ_GAP_MS` back (./view-change-read-gap.ts); an older `since` is refused.
   */
  viewChanges: { changedSince(since: number): Promise<{ orderCode: string; revision?: number; at: number }[]> };
  lookupRateLimits: { hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> };
  orderUpdateRetention: { prune(now: Date): Promise<number> };
}

export function createCustomerPageParts(deps: {
  mongo: Connection;
  orders: OrderRepository;
  shipmentActions: ShipmentActions;
  links: OrderLinks;
  now: () => Date;
  /** The tracking page's notice about the order's carrier. */
  carrierHealth?: Pick<CarrierHealthQueries, 'customerNotice'>;
}): CustomerPageParts {
  const updates = createOrderUpdateRepository(deps.mongo);
  const views = createTrackingViewRepository(deps.mongo);
  const rateLimits = createRateLimitRepository(deps.mongo);
  const viewChanges = createViewChangeRepository(deps.mongo);
  return {
    trackingPage: createTrackingPageService({
      orders: deps.orders,
      customers: createCustomerRepository(deps.mongo),
      views,
      feedback: createFeedbackRepository(deps.mongo),
      pushSubscriptions: createPushSubscriptionRepository(deps.mongo),
      shipmentActions: deps.shipmentActions,
      links: deps.links,
      now: deps.now,
      ...(deps.carrierHealth ? { carrierNotice: memoizeCarrierNotice(deps.carrierHealth.customerNotice) } : {}),
    }),
    lookupRateLimits: { hit: (key, windowMs, now) => rateLimits.hit(key, windowMs, now) },
    viewChanges: {
      async changedSince(since) {
        // New revisions are the views' own write stamps; `order_updates` is still read for one release, for
        // the entries workers of the previous release append during a rolling upgrade (nothing appends now).
        const [revisions, older, others] = await Promise.all([views.writtenSince(since), updates.writtenSince(since), viewChanges.writtenSince(since)]);
        return [...revisions, ...older, ...others];
      },
    },
    orderUpdateRetention: {
      prune: async (now) => {
        const [updated, changed] = await Promise.all([updates.prune(now), viewChanges.prune(now)]);
        return updated + changed;
      },
    },
  };
}
