import { describe, expect, it } from 'vitest';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { newOrderRecord } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('orders');

const newOrder = (code: string, carrierId: string, trackingNumber: string, placedAt: string) => newOrderRecord(code, { carrierId, trackingNumber, placedAt });

describe('order repository: the webhook relay\'s look-up (real MongoDB wire server)', () => {
  it('finds the same order as findByTrackingNumber: newest first, only among the carriers it is given', async () => {
    const orders = createOrderRepository(db());
    const tn = uniqueName('TN');
    await orders.create(newOrder(uniqueName('OLD'), 'ups', tn, '2026-11-01T10:00:00Z'), null);
    const newest = await orders.create(newOrder(uniqueName('NEW'), 'ups', tn, '2026-11-20T10:00:00Z'), null);
    const viaAggregator = await orders.create(newOrder(uniqueName('EP'), 'easypost', tn, '2026-11-25T10:00:00Z'), null);

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

describe('order repository: statuses of several orders (carrier recovery)', () => {
  it('answers each existing order\'s current status once, by code, and leaves out unknown codes', async () => {
    const orders = createOrderRepository(db());
    const moving = await orders.create(newOrder(uniqueName('MOV'), 'ups', uniqueName('TN'), '2026-11-01T10:00:00Z'), null);
    const ended = await orders.create(newOrder(uniqueName('END'), 'ups', uniqueName('TN'), '2026-11-02T10:00:00Z'), null);
    await orders.applyProjection(moving.code, { revision: 3, status: 'in_transit', milestone: 'shipped' }, new Date());
    await orders.applyProjection(ended.code, { revision: 5, status: 'delivered', milestone: 'delivered' }, new Date());
    const missing = uniqueName('GONE');

    const statuses = await orders.statusesByCode([moving.code, ended.code, missing, moving.code]);
    expect([...statuses].sort(([a], [b]) => a.localeCompare(b))).toEqual(
      [[moving.code, 'in_transit'], [ended.code, 'delivered']].sort(([a], [b]) => a!.localeCompare(b!)),
    );
    expect(await orders.statusesByCode([])).toEqual(new Map());
  });
});

describe('order repository: a projection\'s write', () => {
  it('hands back the order as written (what the revision\'s messages are decided from), and nothing for a stale revision', async () => {
    const orders = createOrderRepository(db());
    const placed = await orders.create(newOrder(uniqueName('PRJ'), 'ups', uniqueName('TN'), '2026-11-03T10:00:00Z'), null);
    await orders.setNotificationPreferences(placed.code, { channels: ['sms'], language: 'tr' });

    const { applied, order: written } = await orders.applyProjection(placed.code, { revision: 4, status: 'out_for_delivery', milestone: 'out_for_delivery', trackingNumber: 'TN-NEW' }, new Date('2026-11-05T08:00:00Z'), true);
    expect(applied).toBe(true);
    // The whole order, as a read would give it now: the projection's fields and everything else it holds.
    expect(written).toEqual(await orders.findByCode(placed.code));
    expect(written).toMatchObject({ code: placed.code, revision: 4, status: 'out_for_delivery', trackingNumber: 'TN-NEW', customerId: placed.customerId, notificationPreferences: { channels: ['sms'], language: 'tr' } });

    expect(await orders.applyProjection(placed.code, { revision: 3, status: 'in_transit', milestone: 'shipped' }, new Date(), true)).toEqual({ applied: false });
    // Not asked for, the order does not come back (a revision without messages does not need it).
    expect(await orders.applyProjection(placed.code, { revision: 5, status: 'delivered', milestone: 'delivered' }, new Date())).toEqual({ applied: true });
    expect((await orders.findByCode(placed.code))?.status).toBe('delivered');
  });
});
