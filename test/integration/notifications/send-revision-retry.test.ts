import { describe, expect, it } from 'vitest';
import { createNotifyBatchActivities } from '../../../activities/notify-batch.js';
import { createCustomerRepository } from '../../../src/db/customers/repository.js';
import { createNotificationPreferenceRepository } from '../../../src/db/notification-preferences/repository.js';
import { createNotificationRepository } from '../../../src/db/notifications/repository.js';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import { createPushSubscriptionRepository } from '../../../src/db/push-subscriptions/repository.js';
import type { ChannelRegistry } from '../../../src/notifications/all.js';
import { createLogger } from '../../../src/observability/logger.js';
import { newOrderRecord } from '../../support/orders.js';
import { uniqueName } from '../../support/servers.js';
import { useTestConnection } from '../../support/test-connection.js';

/**
 * The read-model write's first attempt (`sendRevision`) run again after an earlier attempt recorded the
 * revision's requests: what it decides and how often it reads the order. The order does not exist, so
 * nothing is sent and no channel is called; e-mail is the only channel configured.
 */
const connection = useTestConnection('send-revision');
const emailOnly: ChannelRegistry = { get: () => undefined, available: ['email'], close: () => {} };

/** The activities over the test database, with the order reads they make counted. */
function setUp() {
  const notifications = createNotificationRepository(connection());
  const orders = createOrderRepository(connection());
  const orderReads: string[] = [];
  const counted = { ...orders, findByCode: (code: string) => (orderReads.push(code), orders.findByCode(code)) } as typeof orders;
  const at = new Date('2026-12-07T05:00:00Z');
  const activities = createNotifyBatchActivities({
    notifications,
    orders: counted,
    customers: createCustomerRepository(connection()),
    preferences: createNotificationPreferenceRepository(connection()),
    pushSubscriptions: createPushSubscriptionRepository(connection()),
    channels: emailOnly,
    settings: { shopName: 'Test Shop', publicBaseUrl: 'https://tracking.test', unsubscribeSecret: 'send-revision-test-secret-0123456789' },
    logger: createLogger('silent'),
    now: () => at,
  });
  return { notifications, orders, orderReads, at, activities };
}

describe('sendRevision on a retried read-model write', () => {
  it('reads the order once for the requests it records and the ones recorded before, and skips the unconfigured channel', async () => {
    const { notifications, orderReads, at, activities } = setUp();
    const code = uniqueName('SRR');
    const requests = [
      { key: `notify:${code}:shipped:email`, trigger: 'shipped' as const, channel: 'email' as const },
      { key: `notify:${code}:shipped:sms`, trigger: 'shipped' as const, channel: 'sms' as const },
    ];
    // The earlier attempt recorded the e-mail and then failed (before it could send or decide it).
    await notifications.recordRequests(code, 3, [requests[0]!], at);

    const outcomes = await activities.sendRevision({ orderCode: code, revision: 3, requests }, at);
    expect(outcomes).toEqual([{ key: requests[0]!.key, outcome: 'skipped' }]);
    expect(orderReads).toEqual([code]);
    expect(await notifications.find(requests[0]!.key)).toMatchObject({ status: 'skipped', reason: 'order or customer not found' });
    expect(await notifications.find(requests[1]!.key)).toMatchObject({ status: 'skipped', reason: 'channel sms is not configured on this installation' });
  });

  it('decides from the order the write handed over without reading it, and reads it when that order is another one', async () => {
    const { orders, orderReads, at, activities } = setUp();
    const placed = await orders.create(newOrderRecord(uniqueName('SRW'), {}), null);
    const { order: written } = await orders.applyProjection(placed.code, { revision: 2, status: 'in_transit', milestone: 'shipped' }, at, true);
    const ask = (code: string, revision: number) => ({ orderCode: code, revision, requests: [{ key: `notify:${code}:shipped:email:${revision}`, trigger: 'shipped' as const, channel: 'email' as const }] });

    // Its customer is not stored, so the message is skipped; what matters is where the order came from.
    expect(await activities.sendRevision(ask(placed.code, 2), at, written!)).toEqual([{ key: `notify:${placed.code}:shipped:email:2`, outcome: 'skipped' }]);
    expect(orderReads).toEqual([]);
    const other = uniqueName('SRX');
    await activities.sendRevision(ask(other, 1), at, written!);
    expect(orderReads).toEqual([other]);
  });
});
