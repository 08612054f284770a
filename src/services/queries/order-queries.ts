import { normalizeTrackingNumber } from '../../carriers/tracking-number/index.js';
import type { CustomerRepository } from '../../db/customers/repository.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import { notFoundError } from '../service-error.js';
import { toOrderView, type OrderLinks, type OrderView } from './order-view.js';

/** One page of a customer's orders; `nextBefore` is the cursor of the next page when there may be one. */
export interface OrderPage {
  orders: OrderView[];
  nextBefore?: string;
}

/** Storefront reads of the read model: one order, a customer's orders, an order by tracking number. */
export function createOrderQueries(deps: { orders: OrderRepository; customers: CustomerRepository; links: OrderLinks }) {
  const view = (order: Parameters<typeof toOrderView>[0]) => toOrderView(order, deps.links);
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
      const order = await deps.orders.findByTrackingNumber(normalizeTrackingNumber(trackingNumber), 'any');
      if (!order) throw notFoundError('Shipment with this tracking number');
      return view(order);
    },
  };
}

export type OrderQueries = ReturnType<typeof createOrderQueries>;
