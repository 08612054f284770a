import type { PurchaseInput } from '../../ml/purchase-input.js';
import type { AppConfig } from '../config/load-config.js';
import type { EtaInputRecord } from '../db/orders/order-record.js';
import type { PostalAddress } from '../domain/postal-address.js';

/** What an order says about itself that a purchase-time ETA can use. */
export interface OrderForEta {
  placedAt: string;
  shippingAddress: PostalAddress;
  items: Array<{ quantity: number; weightGrams?: number }>;
  carrierId: string;
  serviceLevel?: string;
  customerTimeZone?: string;
}

/** A region code as the holiday tables know it (`CA`, `SP`), when the address gave a short one. */
function regionCode(region: string | undefined): string | undefined {
  const code = region?.trim().toUpperCase();
  return code && /^[A-Z0-9]{1,3}$/.test(code) ? code : undefined;
}

/**
 * The ETA service's input for an order. Origin: the ship-from address (SHIP_FROM_*), else the destination
 * country (a domestic shop). The customer's zone: the order's, else the shop's (ETA_SHOP_TIME_ZONE), else
 * UTC. Weight only when every item gave one (a partial sum would understate it).
 */
export function orderEtaInput(order: OrderForEta, config: Pick<AppConfig, 'eta' | 'shipFrom'>): EtaInputRecord {
  const to = order.shippingAddress;
  const from = config.shipFrom;
  const zone = order.customerTimeZone ?? config.eta.shopTimeZone ?? 'UTC';
  const itemCount = order.items.reduce((n, i) => n + i.quantity, 0);
  const weighed = order.items.every((i) => i.weightGrams !== undefined);
  const weightGrams = weighed ? order.items.reduce((g, i) => g + i.weightGrams! * i.quantity, 0) : undefined;
  const originRegion = regionCode(from?.region);
  const destinationRegion = regionCode(to.region);
  return {
    purchasedAt: order.placedAt,
    customerTimeZone: zone,
    ...(config.eta.shopTimeZone ? { shopTimeZone: config.eta.shopTimeZone } : {}),
    originCountry: from?.country ?? to.country,
    ...(from && originRegion ? { originRegion } : {}),
    ...(from?.postalCode ? { originPostcode: from.postalCode } : {}),
    destinationCountry: to.country,
    ...(destinationRegion ? { destinationRegion } : {}),
    destinationPostcode: to.postalCode,
    carrier: order.carrierId,
    ...(order.serviceLevel ? { serviceLevel: order.serviceLevel } : {}),
    itemCount,
    ...(weightGrams !== undefined && weightGrams > 0 ? { weightGrams } : {}),
  };
}

/** The stored record as the ETA service takes it (the same fields). */
export function purchaseInput(record: EtaInputRecord, orderCode?: string): PurchaseInput {
  return { ...record, ...(orderCode ? { orderId: orderCode } : {}) };
}
