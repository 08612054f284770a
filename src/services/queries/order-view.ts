import { CARRIER_CATALOG, carrierTrackingUrl } from '../../carriers/catalog.js';
import { isCarrierId } from '../../carriers/carrier-adapter.js';
import type { CarrierEnv } from '../../config/carrier-env.js';
import type { EstimatedDelivery, OrderRecord } from '../../db/orders/order-record.js';
import type { Milestone, ShipmentStatus } from '../../domain/shipment-status.js';

/**
 * An order as the storefront, the customer and the admin see it: no internal fields (hashes, keys,
 * revisions, workflow ids). The API's `Order` schema describes exactly this shape.
 */
export interface OrderView {
  orderCode: string;
  status: ShipmentStatus;
  subStatus?: string;
  milestone: Milestone;
  carrier: { id: string; name: string; logoUrl: string; trackingNumber?: string; trackingUrl?: string };
  estimatedDelivery?: EstimatedDelivery;
  /** The customer's tracking page: a signed link that expires (TRACKING_LINK_TTL), or the legacy one. */
  trackingPageUrl: string;
  items: Array<{ sku: string; name: string; quantity: number }>;
  placedAt: string;
  updatedAt: string;
  deliveredAt?: string;
  cancelledAt?: string;
}

/**
 * How a process makes an order's links. The signed, expiring tracking link is made by the customer pages'
 * signer (src/web/links), which the process's wiring passes in: use-cases do not depend on the pages.
 */
export interface OrderLinks {
  publicBaseUrl: string;
  /** Absolute URL of the order's tracking page; absent: the legacy `/t/<trackingToken>` link. */
  trackingPageUrl?: (orderCode: string) => string;
  /** Configured carrier settings: the demo carrier's public page lives on the configured simulator. */
  carrierEnv?: Partial<CarrierEnv>;
}

/** The order's tracking-page link under these links. */
export const trackingPageUrlOf = (order: Pick<OrderRecord, 'code' | 'trackingToken'>, links: OrderLinks): string =>
  links.trackingPageUrl ? links.trackingPageUrl(order.code) : `${links.publicBaseUrl}/t/${order.trackingToken}`;

/** What an order's display needs: an order, or its tracking-view document (src/db/tracking-views). */
export type OrderViewSource = Pick<
  OrderRecord,
  'code' | 'status' | 'subStatus' | 'milestone' | 'carrierId' | 'trackingNumber' | 'estimatedDelivery' | 'trackingToken' | 'placedAt' | 'updatedAt' | 'deliveredAt' | 'cancelledAt'
> & { items: Array<{ sku: string; name: string; quantity: number }> };

/** Shapes a stored order for display; links are absolute under the public base URL. */
export function toOrderView(order: OrderViewSource, links: OrderLinks): OrderView {
  const publicBaseUrl = links.publicBaseUrl;
  const carrier = isCarrierId(order.carrierId) ? CARRIER_CATALOG[order.carrierId] : undefined;
  return {
    orderCode: order.code,
    status: order.status,
    ...(order.subStatus ? { subStatus: order.subStatus } : {}),
    milestone: order.milestone,
    carrier: {
      id: order.carrierId,
      name: carrier?.displayName ?? order.carrierId,
      logoUrl: `${publicBaseUrl}${carrier?.logoPath ?? '/static/carriers/unknown.svg'}`,
      ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
      ...(order.trackingNumber && carrier ? { trackingUrl: carrierTrackingUrl(carrier.id, order.trackingNumber, links.carrierEnv) } : {}),
    },
    ...(order.estimatedDelivery ? { estimatedDelivery: order.estimatedDelivery } : {}),
    trackingPageUrl: trackingPageUrlOf(order, links),
    items: order.items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity })),
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
    ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}),
    ...(order.cancelledAt ? { cancelledAt: order.cancelledAt } : {}),
  };
}
