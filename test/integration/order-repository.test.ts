import { describe, expect, it } from 'vitest';
import type { NewOrder } from '../../src/db/orders/order-record.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('orders');

const newOrder = (code: string, carrierId: string, trackingNumber: string, placedAt: string): NewOrder => ({
  code,
  customerId: '65f000000000000000000001',
  items: [{ sku: 'SKU-1', name: 'Mug', quantity: 1 }],
  shippingAddress: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
  carrierId,
  trackingNumber,
  notificationPreferences: { channels: ['email'], language: 'en' },
  trackingToken: `tok-${code}`,
  requestHash: `hash-${code}`,
  workflowId: `shipment-${code}`,
  placedAt,
});

describe('order repository: the webhook relay\'s look-up (real MongoDB wire server)', () => {
  it('finds the same order as findByTrackingNumber: newest first, only among the carriers it is given', async () => {
    const orders = createOrderRepository(db());
    const tn = uniqueName('TN');
    await orders.create(newOrder(uniqueName('OLD'), 'ups', tn, '2026-11-01T10:00:00Z'));
    const newest = await orders.create(newOrder(uniqueName('NEW'), 'ups', tn, '2026-11-20T10:00:00Z'));
    const viaAggregator = await orders.create(newOrder(uniqueName('EP'), 'easypost', tn, '2026-11-25T10:00:00Z'));

    for (const carriers of [['ups'], ['easypost'], ['easypost', 'ups'], ['shippo', 'ups']]) {
      const full = await orders.findByTrackingNumber(tn, carriers);
      const target = await orders.findRelayTarget(tn, carriers);
      expect(target).toEqual({ code: full!.code, workflowId: full!.workflowId });
    }
    expect((await orders.findRelayTarget(tn, ['ups']))?.code).toBe(newest.code);
    expect((await orders.findRelayTarget(tn, ['easypost']))?.code).toBe(viaAggregator.code);
    // An aggregator that says UPS carries the parcel: its own orders first, then UPS's.
    expect((await orders.findRelayTarget(tn, ['shippo', 'ups']))?.code).toBe(newest.code);
    // Never another carrier's order: Shippo's credential does not reach UPS's or EasyPost's.
    expect(await orders.findRelayTarget(tn, ['shippo'])).toBeNull();
    // The storefront's own look-up takes any carrier: the newest of all.
    expect((await orders.findByTrackingNumber(tn, 'any'))?.code).toBe(viaAggregator.code);
    expect(await orders.findRelayTarget(uniqueName('NONE'), ['ups'])).toBeNull();

    // A confirmed start is what lets the relay signal without the whole order.
    const at = new Date('2026-11-20T10:00:05Z');
    await orders.markWorkflowStarted(newest.code, at);
    expect(await orders.findRelayTarget(tn, ['ups'])).toEqual({ code: newest.code, workflowId: newest.workflowId, workflowStartedAt: at.toISOString() });
  });
});
