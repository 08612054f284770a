import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/embedded/free-port.js';
import { createPushChannel } from '../../../src/notifications/push/push-channel.js';
import type { VapidConfig } from '../../../src/notifications/push/vapid-config.js';
import { isNotificationSendError, type NotificationSendError } from '../../../src/notifications/send-error.js';
import { renderPush } from '../../../src/notifications/templates/index.js';
import { startLocalPushService, type LocalPushService } from '../../support/push-service.js';

async function failure(promise: Promise<unknown>): Promise<NotificationSendError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isNotificationSendError(error)) throw new Error(`expected a NotificationSendError, got ${String(error)}`);
  return error;
}

const content = renderPush({
  kind: 'out_for_delivery',
  language: 'en',
  shopName: 'Acme',
  orderCode: 'P-1',
  estimatedDelivery: { from: '2026-12-10' },
  trackingPageUrl: 'https://track.acme.test/t/push1',
  unsubscribeUrl: 'https://track.acme.test/u/push1',
});

describe('web push to a local push service (web-push-testing behind TLS: VAPID checked, payload decrypted)', () => {
  let service: LocalPushService;
  let vapid: VapidConfig;

  beforeAll(async () => {
    service = await startLocalPushService();
    const keys = webpush.generateVAPIDKeys();
    vapid = { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: 'mailto:ops@acme.test' };
  });
  afterAll(async () => {
    await service?.close();
  });

  it('delivers the notification JSON, encrypted for the subscription and signed with our VAPID key', async () => {
    const { clientHash, ...subscription } = await service.subscribe(vapid.publicKey);
    const receipt = await createPushChannel(vapid, { agent: service.agent }).send({ key: 'notify:P-1:out_for_delivery:push', subscription, content });
    expect(receipt.state).toBe('sent');
    expect(receipt.providerMessageId).toMatch(/^push:[0-9a-f]{64}$/);
    const received = await service.received(clientHash);
    expect(received.map((m) => JSON.parse(m) as unknown)).toEqual([
      { title: 'Acme: Out for delivery', body: 'Your order P-1 is out for delivery. Estimated delivery: Thu 10 Dec', url: 'https://track.acme.test/t/push1', tag: 'order-P-1' },
    ]);
  });

  it('reports a subscription the browser dropped (410) as permanent subscription_gone', async () => {
    const { clientHash, ...subscription } = await service.subscribe(vapid.publicKey);
    await service.expire(clientHash);
    const error = await failure(createPushChannel(vapid, { agent: service.agent }).send({ key: 'k-gone', subscription, content }));
    expect(error).toMatchObject({ kind: 'permanent', reason: 'subscription_gone', providerCode: 410 });
  });

  it('is refused (permanent) when the subscription belongs to another VAPID key', async () => {
    const other = webpush.generateVAPIDKeys();
    const { clientHash, ...subscription } = await service.subscribe(other.publicKey);
    const error = await failure(createPushChannel(vapid, { agent: service.agent }).send({ key: 'k-other', subscription, content }));
    expect(error).toMatchObject({ kind: 'permanent', reason: 'rejected', providerCode: 400 });
    expect(await service.received(clientHash)).toEqual([]);
  });

  it('treats an unreachable push service as transient', async () => {
    const { clientHash: _unused, ...subscription } = await service.subscribe(vapid.publicKey);
    const moved = { ...subscription, endpoint: subscription.endpoint.replace(/:\d+\//, `:${await freePort()}/`) };
    const error = await failure(createPushChannel(vapid, { agent: service.agent }).send({ key: 'k-down', subscription: moved, content }));
    expect(error).toMatchObject({ kind: 'transient', reason: 'network' });
  });
});
