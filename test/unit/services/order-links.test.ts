import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../src/db/orders/order-record.js';
import { toOrderView } from '../../../src/services/queries/order-view.js';
import { buildViewDocument } from '../../../src/db/tracking-views/view-document.js';
import type { OrderLinks } from '../../../src/services/queries/order-view.js';
import { toTrackingPageView } from '../../../src/services/queries/tracking-view.js';
import { trackingPageUrlSigner } from '../../../src/web/links/tracking-page-url.js';
import { verifyTrackingToken } from '../../../src/web/links/tracking-links.js';

const order = {
  code: 'ORD-9',
  customerId: 'c1',
  items: [{ sku: 'S', name: 'Lamp', quantity: 1 }],
  shippingAddress: { line1: '5 Secret Lane', city: 'Austin', postalCode: '73301', country: 'US' },
  carrierId: 'simulator',
  trackingNumber: 'SIM0001',
  status: 'in_transit',
  milestone: 'shipped',
  estimatedDelivery: { date: '2026-12-10', earliest: '2026-12-09', latest: '2026-12-11', promisedDate: '2026-12-08' },
  notificationPreferences: { channels: ['email'], language: 'en' },
  trackingToken: 'legacyrandomtoken0123456789',
  requestHash: 'h',
  workflowId: 'shipment-ORD-9',
  revision: 3,
  placedAt: '2026-12-01T10:00:00.000Z',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
} as unknown as OrderRecord;

/** The page's view as the service serves it: from the view document the read model's rows make. */
const buildTrackingView = ({ links, ...rows }: Parameters<typeof buildViewDocument>[0] & { links: OrderLinks }) => toTrackingPageView(buildViewDocument(rows), links);

const web = {
  publicBaseUrl: 'https://track.example.com',
  linkKeys: [{ id: 'k2', secret: 'x'.repeat(32) }],
  customerKeys: [{ id: 's1', secret: 'y'.repeat(32) }],
  trackingLinkTtlMs: 86_400_000,
};

describe("an order's links", () => {
  it('trackingPageUrl is the signed link expiring after the configured lifetime; without a signer, the legacy one', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const view = toOrderView(order, { publicBaseUrl: web.publicBaseUrl, trackingPageUrl: trackingPageUrlSigner(web, () => now) });
    expect(view.trackingPageUrl).toMatch(/^https:\/\/track\.example\.com\/t\/k2\./);
    const token = view.trackingPageUrl.split('/t/')[1]!;
    const settings = { keys: web.linkKeys, customerKeys: web.customerKeys, trackingLinkTtlMs: web.trackingLinkTtlMs };
    expect(verifyTrackingToken(settings, token, now + 86_399_000)).toMatchObject({ ok: true, claims: { o: 'ORD-9' } });
    expect(verifyTrackingToken(settings, token, now + 86_401_000)).toEqual({ ok: false, reason: 'expired' });
    expect(toOrderView(order, { publicBaseUrl: web.publicBaseUrl }).trackingPageUrl).toBe('https://track.example.com/t/legacyrandomtoken0123456789');
  });

  it("the demo carrier's own page is on the configured simulator", () => {
    const links = { publicBaseUrl: web.publicBaseUrl, carrierEnv: { CARRIER_SIMULATOR_URL: 'http://127.0.0.1:4999' } };
    expect(toOrderView(order, links).carrier.trackingUrl).toMatch(/^http:\/\/127\.0\.0\.1:4999\/.*SIM0001/);
    const view = buildTrackingView({ order, shipment: null, events: [], customer: null, feedback: null, links });
    expect(view.carrier.trackingUrl).toMatch(/^http:\/\/127\.0\.0\.1:4999\/.*SIM0001/);
  });

  it('the tracking view keeps the promise made at purchase beside the moving estimate, and no street', () => {
    const view = buildTrackingView({ order, shipment: { milestoneAt: { shipped: '2026-12-02T09:00:00Z' } }, events: [], customer: null, feedback: null, links: { publicBaseUrl: '' } });
    expect(view.promisedDate).toBe('2026-12-08');
    expect(view.estimate).toEqual({ date: '2026-12-10', earliest: '2026-12-09', latest: '2026-12-11' });
    expect(view.milestoneAt).toEqual({ order_received: '2026-12-01T10:00:00.000Z', shipped: '2026-12-02T09:00:00Z' });
    expect(JSON.stringify(view)).not.toContain('Secret Lane');
    const promisedApart = { ...order, promisedDelivery: { date: '2026-12-07', latest: '2026-12-08', source: 'shop' } } as OrderRecord;
    expect(buildTrackingView({ order: promisedApart, shipment: null, events: [], customer: null, feedback: null, links: { publicBaseUrl: '' } }).promisedDate).toBe('2026-12-08');
    const { estimatedDelivery: _eta, ...unpromised } = order;
    expect(buildTrackingView({ order: unpromised as OrderRecord, shipment: null, events: [], customer: null, feedback: null, links: { publicBaseUrl: '' } }).promisedDate).toBeUndefined();
  });
});
