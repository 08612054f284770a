import { CARRIER_CATALOG, carrierTrackingUrl } from '../../../carriers/catalog.js';
import { isCarrierId } from '../../../carriers/carrier-adapter.js';
import type { OrderRecord } from '../../../db/orders/order-record.js';
import type { OrderView } from './orders.schemas.js';

/** The storefront's view of an order: no internal fields (hashes, keys, revisions). */
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
