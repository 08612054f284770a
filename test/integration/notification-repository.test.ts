import { describe, expect, it } from 'vitest';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('notifications');

describe('notification repository (real MongoDB wire server)', () => {
  it('records requests once per key: a second call records only the new ones and leaves the rest as they were', async () => {
    const notifications = createNotificationRepository(db());
    const order = uniqueName('ORD');
    const email = { key: `${order}:shipped:email`, trigger: 'shipped', channel: 'email' } as const;
    const sms = { key: `${order}:shipped:sms`, trigger: 'shipped', channel: 'sms' } as const;
    const delivered = { key: `${order}:delivered:email`, trigger: 'delivered', channel: 'email' } as const;
    const first = new Date('2026-12-01T10:00:00Z');

    expect(await notifications.recordRequests(order, 2, [email, sms], first)).toEqual([email.key, sms.key]);
    // A retried activity (same requests) records nothing new.
    expect(await notifications.recordRequests(order, 2, [email, sms], new Date('2026-12-01T10:00:05Z'))).toEqual([]);
    // Mixed: only the new key is recorded.
    expect(await notifications.recordRequests(order, 5, [sms, delivered], new Date('2026-12-02T10:00:00Z'))).toEqual([delivered.key]);
    expect(await notifications.recordRequests(order, 5, [delivered], new Date())).toEqual([]);
    expect(await notifications.recordRequests(order, 5, [], new Date())).toEqual([]);

    const log = await notifications.listForOrder(order);
    expect(log.map((n) => n.key).sort()).toEqual([delivered.key, email.key, sms.key].sort());
    // The first record of a key stands (its time, its defaults).
    expect(log.find((n) => n.key === sms.key)).toMatchObject({ status: 'requested', attempts: 0, requestedAt: first.toISOString() });
  });
});
