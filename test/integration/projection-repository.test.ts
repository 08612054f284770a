import type { Connection } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { ProjectionInput } from '../../src/db/shipments/projection-input.js';
import { modelFor } from '../../src/db/model.js';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import { notificationSchema } from '../../src/db/notifications/schema.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { orderModel } from '../../src/db/orders/schema.js';
import { createProjectionRepository } from '../../src/db/shipments/projection-repository.js';
import { shipmentSchema } from '../../src/db/shipments/schema.js';
import { statusChangeSchema } from '../../src/db/status-changes/schema.js';
import { trackingEventSchema } from '../../src/db/tracking-events/schema.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';
import { newOrderRecord } from '../support/orders.js';

const db = useTestConnection('projection');

async function placeOrder(connection: Connection, code: string) {
  return createOrderRepository(connection).create(newOrderRecord(code, { placedAt: '2026-12-01T08:00:00Z' }), null);
}

const pickedUp = (orderCode: string): ProjectionInput => ({
  orderCode,
  carrierId: 'ups',
  revision: 2,
  status: 'picked_up',
  milestone: 'shipped',
  milestoneAt: { order_received: '2026-12-01T08:00:00Z', shipped: '2026-12-01T10:15:00-05:00' },
  trackingNumber: '1Z999AA10123456784',
  carrierEta: { date: '2026-12-04' },
  lastEventAt: '2026-12-01T10:15:00-05:00',
  lastProgressAt: '2026-12-01T10:15:00-05:00',
  stalledSince: null,
  newEvents: [
    { status: 'picked_up', occurredAt: '2026-12-01T10:15:00-05:00', description: 'Picked up', location: { city: 'Atlanta', country: 'US' }, carrierCode: 'PU', carrierEventId: 'ev-1' },
    // No location, sub-status or ids: absent fields, never nulls.
    { status: 'in_transit', occurredAt: '2026-12-01T12:00:00-05:00', description: '' },
  ],
  change: { from: 'label_created', to: 'picked_up', source: 'webhook', carrierEventIds: ['ev-1'], receivedAt: '2026-12-01T15:16:00Z', inboxId: 'inbox-1' },
  eventSource: 'webhook',
});

/** The stored documents as the server holds them (not through mongoose). */
const raw = (connection: Connection, collection: string, orderCode: string) => connection.db!.collection(collection).find({ orderCode }).toArray();

/** A stored document that the schema finds valid as it is (required fields, enums, types). */
async function expectValid(connection: Connection, name: string, schema: Parameters<typeof modelFor>[2], doc: Record<string, unknown>) {
  const Model = modelFor(connection, name, schema);
  await expect(new Model(doc).validate()).resolves.toBeUndefined();
}

describe('projection repository (real MongoDB wire server)', () => {
  it('writes the timeline, the audit entry, the shipment and the order as documents their schemas accept, defaults and timestamps included', async () => {
    const connection = db();
    const code = uniqueName('PRJ');
    await placeOrder(connection, code);
    const before = Date.now();
    const recordedAt = new Date('2026-12-01T15:16:01Z');

    expect(await createProjectionRepository(connection).apply(pickedUp(code), recordedAt)).toEqual({ applied: true, orderApplied: true });

    const events = await raw(connection, 'tracking_events', code);
    expect(events).toHaveLength(2);
    const [first, second] = [...events].sort((a, b) => a.occurredAtUtc.getTime() - b.occurredAtUtc.getTime());
    expect(first).toMatchObject({ key: 'id:ev-1', status: 'picked_up', description: 'Picked up', location: { city: 'Atlanta', country: 'US' }, source: 'webhook' });
    expect(first!.occurredAtUtc).toEqual(new Date('2026-12-01T15:15:00Z'));
    expect(first!.receivedAt).toEqual(new Date('2026-12-01T15:16:00Z'));
    expect(second!.description).toBe('');
    for (const absent of ['subStatus', 'location', 'carrierCode', 'carrierEventId']) expect(second).not.toHaveProperty(absent);
    for (const e of events) await expectValid(connection, 'TrackingEvent', trackingEventSchema, e);

    const [change] = await raw(connection, 'status_changes', code);
    expect(change).toMatchObject({ revision: 2, from: 'label_created', to: 'picked_up', carrierEventIds: ['ev-1'], inboxId: 'inbox-1', recordedAt });
    await expectValid(connection, 'StatusChange', statusChangeSchema, change!);

    const [shipment] = await raw(connection, 'shipments', code);
    expect(shipment).toMatchObject({
      status: 'picked_up',
      subStatus: null,
      stalledSince: null,
      milestone: 'shipped',
      milestoneAt: { order_received: '2026-12-01T08:00:00Z', shipped: '2026-12-01T10:15:00-05:00' },
      trackingNumber: '1Z999AA10123456784',
      estimatedDelivery: { date: '2026-12-04', source: 'carrier', updatedAt: recordedAt },
      lastProgressAt: new Date('2026-12-01T15:15:00Z'),
      pollFailures: 0,
      revision: 2,
    });
    expect(shipment!.estimatedDelivery).not.toHaveProperty('earliest');
    for (const absent of ['deliveredAt', 'cancelledAt']) expect(shipment).not.toHaveProperty(absent);
    expect(shipment!.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(shipment!.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    await expectValid(connection, 'Shipment', shipmentSchema, shipment!);

    const [order] = await connection.db!.collection('orders').find({ code }).toArray();
    expect(order).toMatchObject({ status: 'picked_up', milestone: 'shipped', revision: 2, trackingNumber: '1Z999AA10123456784', estimatedDelivery: { date: '2026-12-04', source: 'carrier' } });
    expect(order!.lastEventAt).toEqual(new Date('2026-12-01T15:15:00Z'));
    expect(order!.workflowStartedAt).toEqual(recordedAt);
    expect(order!.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    for (const absent of ['awaitingWorkflow', 'subStatus', 'deliveredAt']) expect(order).not.toHaveProperty(absent);
    await expect(new (orderModel(connection))(order).validate()).resolves.toBeUndefined();
  });

  it('is idempotent and revision-guarded: the same revision again adds nothing, an older one changes nothing', async () => {
    const connection = db();
    const code = uniqueName('PRJ');
    await placeOrder(connection, code);
    const projections = createProjectionRepository(connection);
    const delivered: ProjectionInput = {
      ...pickedUp(code),
      revision: 3,
      status: 'delivered',
      milestone: 'delivered',
      deliveredAt: '2026-12-03T11:00:00-05:00',
      newEvents: [{ status: 'delivered', occurredAt: '2026-12-03T11:00:00-05:00', description: 'Delivered', carrierEventId: 'ev-9' }],
      change: { from: 'picked_up', to: 'delivered', source: 'webhook', carrierEventIds: ['ev-9'], receivedAt: '2026-12-03T16:00:01Z' },
    };

    expect(await projections.apply(delivered, new Date(), undefined, undefined, true)).toMatchObject({ applied: true, orderApplied: true, written: { code, status: delivered.status } });
    // A retried activity: the same writes again.
    expect(await projections.apply(delivered, new Date(), undefined, undefined, true)).toEqual({ applied: false, orderApplied: false });
    // A late, older revision: its events join the timeline, the status stays delivered.
    expect(await projections.apply(pickedUp(code), new Date())).toEqual({ applied: false, orderApplied: false });

    const keys = (await projections.listEvents(code)).map((e) => e.key);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(keys).toEqual(expect.arrayContaining(['id:ev-1', 'id:ev-9']));
    expect((await projections.listStatusChanges(code)).map((c) => c.revision)).toEqual([2, 3]);
    expect(await projections.findShipment(code)).toMatchObject({ status: 'delivered', revision: 3, deliveredAt: '2026-12-03T16:00:00.000Z' });
    expect(await createOrderRepository(connection).findByCode(code)).toMatchObject({ status: 'delivered', revision: 3 });
  });

  it('writes carrier text with a NUL (which PostgreSQL under FerretDB refuses) with U+FFFD in its place, instead of failing forever', async () => {
    const connection = db();
    const code = uniqueName('NUL');
    await placeOrder(connection, code);
    const input = pickedUp(code);
    input.newEvents[0] = { ...input.newEvents[0]!, description: 'Picked up\u0000', location: { city: 'Atl\u0000anta', country: 'US' } };
    expect(await createProjectionRepository(connection).apply(input, new Date())).toMatchObject({ applied: true, orderApplied: true });
    const [event] = await raw(connection, 'tracking_events', code).then((docs) => docs.filter((d) => d.carrierEventId === 'ev-1'));
    expect(event).toMatchObject({ description: 'Picked up\uFFFD', location: { city: 'Atl\uFFFDanta' } });
  });

  it('records notification requests with the schema\'s defaults, as documents it accepts', async () => {
    const connection = db();
    const code = uniqueName('PRJ');
    await createNotificationRepository(connection).recordRequests(code, 2, [{ key: `${code}:shipped:sms`, trigger: 'shipped', channel: 'sms' }], new Date('2026-12-01T15:16:01Z'));
    const [doc] = await raw(connection, 'notifications', code);
    expect(doc).toMatchObject({ key: `${code}:shipped:sms`, status: 'requested', attempts: 0, revision: 2, requestedAt: new Date('2026-12-01T15:16:01Z') });
    await expectValid(connection, 'Notification', notificationSchema, doc!);
  });
});
