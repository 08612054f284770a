import type { TrackingView } from '../../../../src/web/tracking-page-queries.js';
import type { MemoryOrder } from './in-memory-web-deps.js';

const carrier = (id: string, name: string, n: string) => ({ id, name, logoUrl: `/static/carriers/${id}.svg`, trackingUrl: `https://carrier.example/${id}?n=${n}` });

const base = (code: string, over: Partial<TrackingView>): TrackingView => ({
  orderCode: code,
  revision: 3,
  status: 'in_transit',
  milestone: 'shipped',
  milestoneAt: { order_received: '2026-11-30T09:12:00Z', in_preparation: '2026-11-30T15:00:00Z', shipped: '2026-12-01T10:15:00-08:00' },
  placedAt: '2026-11-30T09:12:00Z',
  language: 'en',
  carrier: carrier('ups', 'UPS', '1Z999AA10123456784'),
  trackingNumber: '1Z999AA10123456784',
  estimate: { date: '2026-12-04', earliest: '2026-12-03', latest: '2026-12-04' },
  promisedDate: '2026-12-04',
  events: [
    { occurredAt: '2026-12-01T10:15:00-08:00', status: 'picked_up', description: 'Picked up by the carrier', location: { city: 'Portland', region: 'OR', country: 'US' } },
    { occurredAt: '2026-12-02T03:40:00-06:00', status: 'in_transit', description: 'Arrived at sort facility', location: { city: 'Memphis', region: 'TN', country: 'US' } },
    { occurredAt: '2026-12-02T19:05:00-05:00', status: 'in_transit', description: 'Departed sort facility', location: { city: 'Louisville', region: 'KY', country: 'US' } },
  ],
  destination: { city: 'Brooklyn', region: 'NY', country: 'US' },
  contact: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+1 555 123 4567' },
  items: [
    { name: 'Ceramic mug, blue', quantity: 2 },
    { name: 'Pour-over coffee filter', quantity: 1 },
  ],
  preferences: { channels: ['email'], language: 'en' },
  ...over,
});

/** Orders in the states the pages must show; private facts are the ones the tests look for in HTML. */
export function demoOrders(): MemoryOrder[] {
  const priv = { customerId: 'cust-1', email: 'jane.doe@example.com', postalCode: '11201', street: '42 Private Street' };
  return [
    { ...priv, view: base('ORD-1001', {}), legacyToken: 'legacyTokenAbcdefghijklmn' },
    {
      ...priv,
      view: base('ORD-1002', {
        status: 'delivered',
        milestone: 'delivered',
        revision: 6,
        placedAt: '2026-11-20T10:00:00Z',
        deliveredAt: '2026-11-24T14:32:00-05:00',
        milestoneAt: { order_received: '2026-11-20T10:00:00Z', in_preparation: '2026-11-20T16:00:00Z', shipped: '2026-11-21T09:00:00Z', out_for_delivery: '2026-11-24T08:10:00-05:00', delivered: '2026-11-24T14:32:00-05:00' },
      }),
    },
    {
      ...priv,
      view: base('ORD-1003', {
        status: 'delivery_attempted',
        milestone: 'out_for_delivery',
        revision: 5,
        placedAt: '2026-11-25T10:00:00Z',
        language: 'tr',
        destination: { city: 'Ankara', country: 'TR' },
        carrier: carrier('dhl', 'DHL', 'JD014600006281230704'),
        trackingNumber: 'JD014600006281230704',
        events: [
          { occurredAt: '2026-12-01T09:00:00+01:00', status: 'picked_up', description: 'Shipment picked up', location: { city: 'Leipzig', country: 'DE' } },
          { occurredAt: '2026-12-02T08:00:00+03:00', status: 'in_transit', description: 'Arrived at facility', location: { city: 'Istanbul', country: 'TR' } },
          { occurredAt: '2026-12-03T11:20:00+03:00', status: 'delivery_attempted', description: 'Recipient not home', location: { city: 'Ankara', country: 'TR' } },
        ],
      }),
    },
    { ...priv, customerId: 'cust-2', view: base('ORD-2001', { status: 'order_received', milestone: 'order_received', revision: 1, events: [], estimate: undefined, promisedDate: undefined, trackingNumber: undefined }) },
  ];
}
