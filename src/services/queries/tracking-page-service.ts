import type { CustomerRepository } from '../../db/customers/repository.js';
import type { createFeedbackRepository } from '../../db/feedback/repository.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { PushSubscriptionRecord, PushSubscriptionRepository } from '../../db/push-subscriptions/repository.js';
import type { TrackingViewRepository } from '../../db/tracking-views/repository.js';
import type { ShipmentStatus } from '../../domain/shipment-status.js';
import { isTerminalStatus } from '../../domain/status-rank.js';
import { notFoundError } from '../service-error.js';
import type { ShipmentActions } from '../shipment-actions.js';
import type { OrderLinks } from './order-view.js';
import { toTrackingPageView, carrierDisplay, type CarrierDisplay, type TrackingPageView } from './tracking-view.js';

/** "My Orders" lists at most this many (the newest). */
const MY_ORDERS_LIMIT = 50;

/** One row of "My Orders". */
export interface CustomerOrderSummary {
  orderCode: string;
  placedAt: string;
  status: ShipmentStatus;
  carrier: CarrierDisplay;
  trackingNumber?: string;
  estimateDate?: string;
  deliveredAt?: string;
}

/**
 * What the customer pages (src/web, `TrackingPageQueries`) read and write, over the read model. Preferences
 * go through the same use-case as the storefront's `PUT /api/v1/orders/{code}/notifications`, so the running
 * workflow hears of them at once.
 */
export function createTrackingPageService(deps: {
  orders: OrderRepository;
  customers: Pick<CustomerRepository, 'findById' | 'findByEmail'>;
  /** The orders' tracking-view documents: a page is one read of its order's. */
  views: Pick<TrackingViewRepository, 'findOrBuild'>;
  feedback: Pick<ReturnType<typeof createFeedbackRepository>, 'answer'>;
  pushSubscriptions: Pick<PushSubscriptionRepository, 'save'>;
  shipmentActions: Pick<ShipmentActions, 'setNotificationPreferences'>;
  links: OrderLinks;
  now: () => Date;
  /** The short notice about the order's carrier (an outage), from carrier health. */
  carrierNotice?: (carrierId: string) => Promise<'carrier_outage' | undefined>;
}) {
  async function orderOrThrow(code: string) {
    const order = await deps.orders.findByCode(code);
    if (!order) throw notFoundError('Order');
    return order;
  }

  return {
    /** The facts a visitor's answer is compared with; null for an unknown order (same query either way). */
    async findLookupSubject(orderCode: string) {
      const order = await deps.orders.findByCode(orderCode);
      if (!order) return null;
      const customer = await deps.customers.findById(order.customerId);
      return {
        orderCode: order.code,
        ...(customer?.email ? { email: customer.email } : {}),
        ...(order.shippingAddress.postalCode ? { postalCode: order.shippingAddress.postalCode } : {}),
      };
    },

    /** One read: the order's view document (built from the source rows the first time, for older orders). */
    async loadTrackingView(orderCode: string): Promise<TrackingPageView | null> {
      const doc = await deps.views.findOrBuild(orderCode);
      if (!doc) return null;
      const view = toTrackingPageView(doc, deps.links);
      const carrierNotice = !isTerminalStatus(doc.status) ? await deps.carrierNotice?.(doc.carrierId) : undefined;
      return carrierNotice ? { ...view, carrierNotice } : view;
    },

    async findOrderCodeByLegacyToken(token: string): Promise<string | null> {
      return (await deps.orders.findByTrackingToken(token))?.code ?? null;
    },

    /**
     * A storefront customer's orders, newest first. The storefront's token names its customer by the e-mail
     * address its orders were placed with (what the orders API knows it by); an unknown one has none.
     */
    async listCustomerOrders(customerEmail: string): Promise<CustomerOrderSummary[]> {
      const customer = await deps.customers.findByEmail(customerEmail);
      if (!customer) return [];
      const orders = await deps.orders.listByCustomer(customer.id, { limit: MY_ORDERS_LIMIT });
      return orders.map((o) => ({
        orderCode: o.code,
        placedAt: o.placedAt,
        status: o.status,
        carrier: carrierDisplay(o, deps.links),
        ...(o.trackingNumber ? { trackingNumber: o.trackingNumber } : {}),
        ...(o.estimatedDelivery?.date ? { estimateDate: o.estimatedDelivery.date } : {}),
        ...(o.deliveredAt ? { deliveredAt: o.deliveredAt } : {}),
      }));
    },

    /** Same use-case as the storefront's: stored on the order and signalled to its workflow. */
    async savePreferences(orderCode: string, prefs: { channels: string[]; language: string }): Promise<void> {
      const order = await orderOrThrow(orderCode);
      // The page chooses channels and language only: the milestones, time zone and quiet hours the shop or
      // the customer set elsewhere are kept (the stored record is replaced as a whole).
      await deps.shipmentActions.setNotificationPreferences(orderCode, { ...order.notificationPreferences, ...prefs });
    },

    /** Once per order, after delivery. */
    async saveFeedback(orderCode: string, answer: { rating: number; comment?: string }): Promise<'saved' | 'already_given' | 'not_delivered'> {
      const order = await orderOrThrow(orderCode);
      if (order.status !== 'delivered') return 'not_delivered';
      return (await deps.feedback.answer(orderCode, answer, deps.now())) ? 'saved' : 'already_given';
    },

    /**
     * Stores the browser's subscription and turns the push channel on for the order: a customer who pressed
     * "Turn on browser notifications" expects them without also ticking a box. The subscription is stored
     * first (idempotent per endpoint), so a retry after TEMPORAL_UNAVAILABLE completes the same change.
     */
    async savePushSubscription(orderCode: string, subscription: PushSubscriptionRecord): Promise<void> {
      const order = await orderOrThrow(orderCode);
      await deps.pushSubscriptions.save(orderCode, subscription, deps.now());
      const prefs = order.notificationPreferences;
      if (prefs.channels.includes('push')) return;
      await deps.shipmentActions.setNotificationPreferences(orderCode, { ...prefs, channels: [...prefs.channels, 'push'] });
    },
  };
}

export type TrackingPageService = ReturnType<typeof createTrackingPageService>;
