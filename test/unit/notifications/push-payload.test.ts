import { describe, expect, it } from 'vitest';
import { pushMessageFor } from '../../../src/notifications/push/push-payload.js';
import type { CustomerMessageContext } from '../../../src/notifications/templates/index.js';

const subscription = { endpoint: 'https://push.example.test/sub/1', keys: { p256dh: 'BP256', auth: 'AUTH' }, deliveredKeys: ['other'] };

function ctx(over: Partial<CustomerMessageContext>): CustomerMessageContext {
  return {
    kind: 'out_for_delivery',
    language: 'en',
    shopName: 'Acme',
    orderCode: 'A-100',
    estimatedDelivery: { from: '2026-12-10' },
    trackingPageUrl: 'https://track.acme.test/t/k1.payload.mac',
    unsubscribeUrl: 'https://track.acme.test/unsubscribe/x',
    ...over,
  };
}

describe('pushMessageFor (the web-push payload of one milestone)', () => {
  it('carries title, text, the tracking-page link and the order tag, short-lived and urgent for out for delivery', () => {
    const message = pushMessageFor('notify:A-100:out_for_delivery:push', subscription, ctx({}));
    expect(message).toEqual({
      key: 'notify:A-100:out_for_delivery:push',
      // Only what web-push needs: the stored bookkeeping stays out of the message.
      subscription: { endpoint: 'https://push.example.test/sub/1', keys: { p256dh: 'BP256', auth: 'AUTH' } },
      content: {
        title: 'Acme: Out for delivery',
        body: 'Your order A-100 is out for delivery. Estimated delivery: Thu 10 Dec',
        url: 'https://track.acme.test/t/k1.payload.mac',
        tag: 'order-A-100',
      },
      ttlSeconds: 12 * 3600,
      urgency: 'high',
    });
  });

  it('speaks Turkish from the same templates and leaves the estimate out once delivered', () => {
    const message = pushMessageFor('notify:A-100:delivered:push', subscription, ctx({ kind: 'delivered', language: 'tr' }));
    expect(message.content.title).toBe('Acme: Teslim edildi');
    expect(message.content.body).toContain('A-100');
    expect(message.content.body).not.toMatch(/Tahmini/);
    expect(message.content.url).toBe('https://track.acme.test/t/k1.payload.mac');
    expect(message).toMatchObject({ ttlSeconds: 24 * 3600, urgency: 'normal' });
  });

  it('keeps a parcel waiting at a pickup point news for longer than a shipment notice', () => {
    const pickup = pushMessageFor('k1', subscription, ctx({ kind: 'available_for_pickup' }));
    const shipped = pushMessageFor('k2', subscription, ctx({ kind: 'shipped' }));
    expect(pickup.ttlSeconds).toBeGreaterThan(shipped.ttlSeconds!);
    expect(pickup.urgency).toBe('high');
    expect(shipped.urgency).toBe('normal');
  });
});
