import { normalizeTrackingNumber } from '../../carriers/tracking-number/index.js';
import type { CustomerRepository } from '../../db/customers/repository.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { TrackingViewRepository } from '../../db/tracking-views/repository.js';
import { notFoundError } from '../service-error.js';
import { toOrderView, type OrderLinks, type OrderView, type OrderViewSource } from './order-view.js';

/** One page of a customer's orders; `nextBefore` is the cursor of the next page when there may be one. */
export interface OrderPage {
  orders: OrderView[];
  nextBefore?: string;
}

/** Storefront reads of the read model: one order, a customer's orders, an order by tracking number. */
export function createOrderQueries(deps: {
  orders: OrderRepository;
  customers: CustomerRepository;
  /** The orders' tracking-view documents, which the look-up by tracking number reads. */
  views: Pick<TrackingViewRepository, 'findByTrackingNumber' | 'rebuild'>;
  links: OrderLinks;
}) {
  const view = (order: OrderViewSource) => toOrderView(order, deps.links);
  return {
    async getOrder(code: string): Promise<OrderView> {
      const order = await deps.orders.findByCode(code);
      if (!order) throw notFoundError('Order');
      return view(order);
    },

    /** Newest first; an unknown email is an empty page, not an error (it tells nothing about who shops here). */
    async listForCustomer(email: string, page: { limit: number; before?: string }): Promise<OrderPage> {
      const customer = await deps.customers.findByEmail(email);
      const orders = customer ? await deps.orders.listByCustomer(customer.id, page) : [];
      const last = orders.length === page.limit ? orders[orders.length - 1] : undefined;
      return { orders: orders.map(view), ...(last ? { nextBefore: last.placedAt } : {}) };
    },

    /** The order shipped under a tracking number, written any way a customer types it. */
    async trackByNumber(trackingNumber: string): Promise<OrderView> {
      const number = normalizeTrackingNumber(trackingNumber);
      // One equality read of the view documents; an order without one yet (stored before they existed) is
      // found in the orders and gets its document built from the order just read (not read again).
      const doc =
        (await deps.views.findByTrackingNumber(number)) ??
        (await deps.orders.findByTrackingNumber(number, 'any').then((order) => (order ? deps.views.rebuild(order.code, order) : null)));
      if (!doc) throw notFoundError('Shipment with this tracking number');
      return view({ ...doc, code: doc.orderCode });
    },
  };
}

export type OrderQueries = ReturnType<typeof createOrderQueries>;
