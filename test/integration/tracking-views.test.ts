import { Types, type Connection } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../src/db/customers/repository.js';
import { createFeedbackRepository } from '../../src/db/feedback/repository.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import type { ProjectionInput } from '../../src/db/shipments/projection-input.js';
import { createProjectionRepository } from '../../src/db/shipments/projection-repository.js';
import { createTrackingViewRepository } from '../../src/db/tracking-views/repository.js';
import { createOrderQueries } from '../../src/services/queries/order-queries.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

/** The per-order tracking-view document (src/db/tracking-views) over the MongoDB-wire test server. */
const db = useTestConnection('tracking-views');

const newOrderFields = (code: string, trackingNumber = `1Z${code}`, customerId = '65f000000000000000000001') => ({
  code,
  customerId,
  items: [{ sku: 'SKU-1', name: 'Mug', quantity: 2 }],
  shippingAddress: { line1: '1 Secret Lane', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  carrierId: 'ups',
  trackingNumber,
  notificationPreferences: { channels: ['email'], language: 'en' },
  trackingToken: `tok-${code}`,
  requestHash: `hash-${code}`,
  workflowId: `shipment-${code}`,
  placedAt: '2026-12-01T08:00:00Z',
});

async function placeOrder(connection: Connection, code: string, trackingNumber = `1Z${code}`) {
  const customer = await createCustomerRepository(connection).findOrCreateByEmail({ email: `${code}@Example.com`, name: 'Jane Quinn Doe', phone: '+1 555 123 4567' });
  const order = await createOrderRepository(connection).create(newOrderFields(code, trackingNumber, customer.id), customer);
  return { order, customer };
}

const projection = (orderCode: string, revision: number, over: Partial<ProjectionInput> = {}): ProjectionInput => ({
  orderCode,
  carrierId: 'ups',
  revision,
  status: 'in_transit',
  milestone: 'shipped',
  milestoneAt: { shipped: '2026-12-01T10:15:00-05:00' },
  stalledSince: null,
  newEvents: [{ status: 'picked_up', occurredAt: `2026-12-01T1${revision}:15:00-05:00`, description: `scan ${revision}`, location: { city: 'Atlanta', country: 'US' }, carrierEventId: `ev-${revision}` }],
  eventSource: 'webhook',
  ...over,
});

const rawView = (connection: Connection, orderCode: string) => connection.db!.collection('tracking_views').findOne({ orderCode });

describe('tracking-view documents', () => {
  it('are written with the order, masked, and carry no street, whole e-mail or phone', async () => {
    const code = uniqueName('TV');
    await placeOrder(db(), code);
    const doc = await rawView(db(), code);
    expect(doc).toMatchObject({ orderCode: code, revision: 0, status: 'order_received', contact: { name: 'Jane D.', email: 't•••@e•••.com', phone: '••• 4567' }, destination: { city: 'Springfield', region: 'IL', country: 'US' } });
    const text = JSON.stringify(doc);
    for (const secret of ['Secret Lane', '62701', 'example.com', '555 123', 'Quinn']) expect(text).not.toContain(secret);
  });

  it('take each projection in the same write as the order, newer revisions only, each scan once', async () => {
    const code = uniqueName('TV');
    await placeOrder(db(), code);
    const projections = createProjectionRepository(db());
    await projections.apply(projection(code, 2), new Date('2026-12-01T16:00:00Z'));
    await projections.apply(projection(code, 3, { status: 'out_for_delivery', subStatus: 'on_vehicle', milestone: 'out_for_delivery', milestoneAt: { shipped: '2026-12-01T10:15:00-05:00', out_for_delivery: '2026-12-02T07:00:00-05:00' } }), new Date());
    // A replayed older projection changes nothing.
    await projections.apply(projection(code, 2), new Date());
    const view = await createTrackingViewRepository(db()).findByCode(code);
    expect(view).toMatchObject({ revision: 3, status: 'out_for_delivery', subStatus: 'on_vehicle', milestone: 'out_for_delivery' });
    expect(view?.milestoneAt).toEqual({ order_received: '2026-12-01T08:00:00.000Z', shipped: '2026-12-01T10:15:00-05:00', out_for_delivery: '2026-12-02T07:00:00-05:00' });
    expect(view?.events.map((e) => e.description).sort()).toEqual(['scan 2', 'scan 3']);
    // What the order says, the view says (the same write).
    const order = await createOrderRepository(db()).findByCode(code);
    expect(order).toMatchObject({ revision: view?.revision, status: view?.status, subStatus: view?.subStatus });
  });

  it('are rebuilt from the source rows when missing, on the next projection or the first read', async () => {
    const code = uniqueName('TV');
    await placeOrder(db(), code);
    const projections = createProjectionRepository(db());
    const views = createTrackingViewRepository(db());
    await projections.apply(projection(code, 2), new Date());
    await db().db!.collection('tracking_views').deleteOne({ orderCode: code });
    await projections.apply(projection(code, 3), new Date());
    const rebuilt = await views.findByCode(code);
    expect(rebuilt).toMatchObject({ revision: 3, contact: { name: 'Jane D.' } });
    // Both scans: the one before the document went missing comes from tracking_events.
    expect(rebuilt?.events.map((e) => e.description)).toEqual(['scan 2', 'scan 3']);

    await db().db!.collection('tracking_views').deleteOne({ orderCode: code });
    expect(await views.findByCode(code)).toBeNull();
    const built = await views.findOrBuild(code);
    expect(built).toEqual(rebuilt && { ...rebuilt, updatedAt: built?.updatedAt });
    expect(await rawView(db(), code)).not.toBeNull();
    expect(await views.findOrBuild('NO-SUCH-ORDER')).toBeNull();
  });

  it('are written on creation with the customer its caller passes, not read again', async () => {
    const code = uniqueName('TV');
    const customer = await createCustomerRepository(db()).findOrCreateByEmail({ email: `${code}@Example.com`, name: 'Jane Quinn Doe' });
    await createOrderRepository(db()).create(newOrderFields(code, undefined, customer.id), { ...customer, name: 'Passed Along' });
    expect((await rawView(db(), code))?.contact).toEqual({ name: 'Passed A.', email: 't•••@e•••.com' });
    const lone = uniqueName('TV');
    await createOrderRepository(db()).create(newOrderFields(lone), null);
    expect((await rawView(db(), lone))?.contact).toEqual({});
  });

  it('are rebuilt from the order the caller read, then corrected by what changed since (preferences, feedback, contact)', async () => {
    const code = uniqueName('TV');
    const { order, customer } = await placeOrder(db(), code);
    await db().db!.collection('tracking_views').deleteOne({ orderCode: code });
    // Written while the document was missing: no document to update, so only the rebuild's second look sees them.
    await createOrderRepository(db()).setNotificationPreferences(code, { channels: ['sms'], language: 'tr' });
    await createFeedbackRepository(db()).answer(code, { rating: 4 }, new Date());
    await db().db!.collection('customers').updateOne({ _id: new Types.ObjectId(customer.id) }, { $set: { name: 'Ann Smith' } });
    const views = createTrackingViewRepository(db());
    // `order` was read before the preferences changed, and its items stand for what the caller read.
    const rebuilt = await views.rebuild(code, { ...order, items: [{ sku: 'SKU-9', name: 'Read by the caller', quantity: 1 }] });
    expect(rebuilt).toMatchObject({ items: [{ sku: 'SKU-9', name: 'Read by the caller', quantity: 1 }], preferences: { channels: ['sms'], language: 'tr' }, feedback: { rating: 4 }, contact: { name: 'Ann S.' } });
    expect(await views.findByCode(code)).toEqual(rebuilt);
  });

  it('follow preferences, feedback and a customer\'s new details', async () => {
    const code = uniqueName('TV');
    const { customer } = await placeOrder(db(), code);
    await createOrderRepository(db()).setNotificationPreferences(code, { channels: ['sms'], language: 'tr' });
    await createFeedbackRepository(db()).answer(code, { rating: 5, comment: 'Great' }, new Date());
    await createCustomerRepository(db()).refresh(customer.id, { email: `${code}@example.com`, name: 'Ann Smith', phone: '+1 555 999 0000' });
    expect(await rawView(db(), code)).toMatchObject({
      preferences: { channels: ['sms'], language: 'tr' },
      feedback: { rating: 5, comment: 'Great' },
      contact: { name: 'Ann S.', phone: '••• 0000' },
    });
  });

  it('serve the JSON look-up by tracking number with one read: the newest order under it', async () => {
    const number = `1Z${uniqueName('TN').replace(/[^A-Z0-9]/gi, '')}`.toUpperCase();
    const older = uniqueName('TV');
    const newer = uniqueName('TV');
    await placeOrder(db(), older, number);
    await placeOrder(db(), newer, number);
    await db().db!.collection('tracking_views').updateOne({ orderCode: older }, { $set: { placedAt: '2026-11-01T00:00:00.000Z' } });
    const queries = createOrderQueries({
      orders: createOrderRepository(db()),
      customers: createCustomerRepository(db()),
      views: createTrackingViewRepository(db()),
      links: { publicBaseUrl: 'https://track.example.com' },
    });
    expect(await queries.trackByNumber(number)).toMatchObject({ orderCode: newer, status: 'order_received', items: [{ sku: 'SKU-1', name: 'Mug', quantity: 2 }], trackingPageUrl: `https://track.example.com/t/tok-${newer}` });
    // An order without a document (stored before they existed) is found in the orders and gets one.
    const lone = uniqueName('TV');
    const loneNumber = `1Z${lone.replace(/[^A-Z0-9]/gi, '')}`.toUpperCase();
    await placeOrder(db(), lone, loneNumber);
    await db().db!.collection('tracking_views').deleteOne({ orderCode: lone });
    expect(await queries.trackByNumber(loneNumber)).toMatchObject({ orderCode: lone });
    expect(await rawView(db(), lone)).not.toBeNull();
    await expect(queries.trackByNumber('1ZNOSUCHNUMBER0000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
