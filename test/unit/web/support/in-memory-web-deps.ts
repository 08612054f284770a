import type {
  FeedbackResult,
  LookupSubject,
  OrderSummary,
  ViewChangeSource,
  PushSubscriptionInput,
  RateLimitStore,
  TrackingPageQueries,
  TrackingView,
} from '../../../../src/web/tracking-page-queries.js';
import { webConfigSchema, type WebConfig } from '../../../../src/web/web-config.js';

/** An order as the in-memory store keeps it: the view plus the private facts the pages must not show. */
export interface MemoryOrder {
  view: TrackingView;
  customerId: string;
  email: string;
  postalCode: string;
  street: string;
  legacyToken?: string;
}

/**
 * In-memory TrackingPageQueries + update source + rate-limit store, for render tests and the browser
 * screenshots only (production implements the queries against the read model).
 */
export function createMemoryWebStore(orders: MemoryOrder[]) {
  const byCode = new Map(orders.map((o) => [o.view.orderCode, o]));
  const pushes: { orderCode: string; subscription: PushSubscriptionInput }[] = [];
  const counters = new Map<string, number>();

  const queries: TrackingPageQueries = {
    async findLookupSubject(orderCode): Promise<LookupSubject | null> {
      const o = byCode.get(orderCode);
      return o ? { orderCode, email: o.email, postalCode: o.postalCode } : null;
    },
    async loadTrackingView(orderCode) {
      const o = byCode.get(orderCode);
      return o ? structuredClone(o.view) : null;
    },
    async findOrderCodeByLegacyToken(token) {
      return orders.find((o) => o.legacyToken === token)?.view.orderCode ?? null;
    },
    async listCustomerOrders(customerId): Promise<OrderSummary[]> {
      return orders
        .filter((o) => o.customerId === customerId)
        .map(({ view: v }) => ({
          orderCode: v.orderCode,
          placedAt: v.placedAt,
          status: v.status,
          carrier: v.carrier,
          ...(v.trackingNumber ? { trackingNumber: v.trackingNumber } : {}),
        }));
    },
    async savePreferences(orderCode, prefs) {
      const o = byCode.get(orderCode);
      if (o) o.view = { ...o.view, preferences: prefs, language: prefs.language };
    },
    async saveFeedback(orderCode, answer): Promise<FeedbackResult> {
      const o = byCode.get(orderCode);
      if (!o || o.view.status !== 'delivered') return 'not_delivered';
      if (o.view.feedback) return 'already_given';
      o.view.feedback = answer;
      return 'saved';
    },
    async savePushSubscription(orderCode, subscription) {
      pushes.push({ orderCode, subscription });
    },
  };

  // Every new revision, stamped like the tracking views' writes, for the pages' change feed.
  const revisions: { orderCode: string; revision: number; at: number }[] = [];
  const changes: ViewChangeSource = {
    async changedSince(since) {
      return revisions.filter((r) => r.at > since);
    },
  };

  const rateLimits: RateLimitStore = {
    async hit(key, windowMs, now) {
      const start = Math.floor(now / windowMs) * windowMs;
      const k = `${key}@${start}`;
      const count = (counters.get(k) ?? 0) + 1;
      counters.set(k, count);
      return { count, resetAt: start + windowMs };
    },
  };

  /** Moves an order on (as a projection would) and bumps its revision. */
  function advance(orderCode: string, change: Partial<TrackingView>) {
    const o = byCode.get(orderCode);
    if (!o) throw new Error(`no order ${orderCode}`);
    o.view = { ...o.view, ...change, revision: o.view.revision + 1 };
    revisions.push({ orderCode, revision: o.view.revision, at: Date.now() });
  }

  return { queries, changes, rateLimits, pushes, advance, byCode };
}

export const TEST_KEYS = [{ id: 'k1', secret: 'test-secret-0123456789-abcdefghijklmnop' }];
export const CUSTOMER_KEYS = [{ id: 'c1', secret: 'storefront-secret-0123456789-abcdefghij' }];

export function testWebConfig(overrides: Partial<WebConfig> = {}): WebConfig {
  return webConfigSchema.parse({
    publicBaseUrl: 'http://localhost:3000',
    linkKeys: TEST_KEYS,
    customerKeys: CUSTOMER_KEYS,
    legacyTokensUntil: Date.parse('2027-03-01T00:00:00Z'),
    embedFrameAncestors: ['https://shop.example.com'],
    lookupRateLimit: { windowMs: 60_000, max: 5 },
    vapidPublicKey: 'BOr_test-public-key',
    ...overrides,
  });
}
