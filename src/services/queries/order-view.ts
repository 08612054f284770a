import { CARRIER_CATALOG, carrierTrackingUrl } from '../../carriers/catalog.js';
import { isCarrierId } from '../../carriers/carrier-adapter.js';
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
  /** Public, unguessable link for the customer. */
  trackingPageUrl: string;
  items: Array<{ sku: string; name: string; quantity: number }>;
  placedAt: string;
  updatedAt: string;
  deliveredAt?: string;
  cancelledAt?: string;
}

/** Shapes a stored order for display; links are absolute under the public base URL. */
export function toOrderView(order: OrderRecord, publicBaseUrl: string): OrderView {
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
      ...(order.trackingNumber && carrier ? { trackingUrl: carrierTrackingUrl(carrier.id, order.trackingNumber) } : {}),
    },
    ...(order.estimatedDelivery ? { estimatedDelivery: order.estimatedDelivery } : {}),
    trackingPageUrl: `${publicBaseUrl}/t/${order.trackingToken}`,
    items: order.items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity })),
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
    ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}),
    ...(order.cancelledAt ? { cancelledAt: order.cancelledAt } : {}),
  };
}
