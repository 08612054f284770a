import { simulatorTrackingNumber } from '../../src/carriers/tracking-number/index.js';
import type { NewOrder } from '../../src/db/orders/order-record.js';
import { STOREFRONT_KEY } from './test-config.js';

let serial = Math.floor(Math.random() * 1e9);

/** A valid order body; override any part. */
export function orderBody(orderCode: string, overrides: Record<string, unknown> = {}) {
  return {
    orderCode,
    customer: { email: `${orderCode.toLowerCase()}@example.com`, name: 'Test Customer', phone: '+15551234567' },
    items: [{ sku: 'SKU-1', name: 'Widget', quantity: 2, unitPriceCents: 1250, weightGrams: 300 }],
    shippingAddress: { name: 'Test Customer', line1: '1 Main St', city: 'Portland', postalCode: '97201', country: 'US' },
    shipping: { carrier: 'simulator', trackingNumber: simulatorTrackingNumber(serial++), serviceLevel: 'ground' },
    notifications: { channels: ['email'] },
    ...overrides,
  };
}

export function storefrontHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${STOREFRONT_KEY}`, 'content-type': 'application/json', ...extra };
}

/** An order as the repository stores it (no API, no workflow), for tests of the read model; override any part. */
export function newOrderRecord(code: string, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    code,
    customerId: '65f000000000000000000001',
    items: [{ sku: 'SKU-1', name: 'Mug', quantity: 1 }],
    shippingAddress: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    carrierId: 'ups',
    trackingNumber: `TN-${code}`,
    notificationPreferences: { channels: ['email'], language: 'en' },
    trackingToken: `tok-${code}`,
    requestHash: `hash-${code}`,
    workflowId: `shipment-${code}`,
    placedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}
