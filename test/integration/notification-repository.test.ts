import { describe, expect, it } from 'vitest';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import type { NotificationRequest } from '../../src/domain/notification-policy.js';
import { newOrderRecord } from '../support/orders.js';
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

  it('records requests already decided (sending with the first attempt, held, skipped) in the insert; a retry leaves them as they are', async () => {
    const notifications = createNotificationRepository(db());
    const order = uniqueName('DEC');
    const email = { key: `${order}:delivered:email`, trigger: 'delivered', channel: 'email' } as const;
    const sms = { key: `${order}:delivered:sms`, trigger: 'delivered', channel: 'sms' } as const;
    const push = { key: `${order}:delivered:push`, trigger: 'delivered', channel: 'push' } as const;
    const at = new Date('2026-12-07T10:00:00Z');
    const morning = new Date('2026-12-07T15:00:00Z');
    const initial = new Map([
      [email.key, { status: 'sending' as const }],
      [sms.key, { status: 'requested' as const, notBefore: morning }],
      [push.key, { status: 'skipped' as const, reason: 'channel push is not configured on this installation' }],
    ]);
    expect(await notifications.recordRequests(order, 3, [email, sms, push], at, initial)).toEqual([email.key, sms.key, push.key]);
    expect(await notifications.find(email.key)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await notifications.find(sms.key)).toMatchObject({ status: 'requested', attempts: 0, notBefore: morning.toISOString() });
    expect(await notifications.find(push.key)).toMatchObject({ status: 'skipped', reason: 'channel push is not configured on this installation' });
    await notifications.markSent(email.key, 'mid-1', undefined, at);
    // A retried write decides again, but what is stored stands: the sent e-mail is not made `sending` again.
    expect(await notifications.recordRequests(order, 3, [email, sms, push], at, initial)).toEqual([]);
    expect(await notifications.find(email.key)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'mid-1' });
  });

  it('stores an undelivered report and its owed failover in one guarded update; a repeated or late report changes nothing', async () => {
    const notifications = createNotificationRepository(db());
    const order = uniqueName('UND');
    const sms = { key: `${order}:delivered:sms`, trigger: 'delivered', channel: 'sms' } as const;
    const sid = `SM${order}`;
    const at = new Date('2026-12-07T10:00:00Z');
    await notifications.recordRequests(order, 1, [sms], at, new Map([[sms.key, { status: 'sending' as const }]]));
    await notifications.markSent(sms.key, sid, 'queued', at);
    const final = ['delivered', 'undelivered', 'failed'];
    const seen: string[] = [];
    const owes = (r: { channel: string; trigger: string }) => (seen.push(`${r.channel}:${r.trigger}`), true);

    expect(await notifications.recordUndelivered(sid, 'undelivered', final, 'unreachable (Twilio 30003)', at, owes)).toEqual({ key: sms.key, channel: 'sms', trigger: 'delivered', failoverOwed: true });
    expect(seen).toEqual(['sms:delivered']);
    expect(await notifications.find(sms.key)).toMatchObject({ deliveryState: 'undelivered', deliveryError: 'unreachable (Twilio 30003)' });
    expect(await notifications.listFailoverPending(100)).toContain(sms.key);
    await notifications.setFailoverPending(sms.key, false, at);

    expect(await notifications.recordUndelivered(sid, 'failed', final, undefined, at, owes)).toBeNull();
    expect(await notifications.recordUndelivered('SM-not-ours', 'undelivered', final, undefined, at, owes)).toBeNull();
    expect(await notifications.listFailoverPending(100)).not.toContain(sms.key);
    expect(await notifications.find(sms.key)).toMatchObject({ deliveryState: 'undelivered' });
  });

  it('stores an undelivered report without an owed mark when the request has no failover', async () => {
    const notifications = createNotificationRepository(db());
    const order = uniqueName('UNS');
    const sms = { key: `${order}:shipped:sms`, trigger: 'shipped', channel: 'sms' } as const;
    const sid = `SM${order}`;
    const at = new Date('2026-12-07T10:00:00Z');
    await notifications.recordRequests(order, 1, [sms], at, new Map([[sms.key, { status: 'sending' as const }]]));
    await notifications.markSent(sms.key, sid, 'sent', at);

    const result = await notifications.recordUndelivered(sid, 'failed', ['delivered', 'undelivered', 'failed'], undefined, at, (r) => r.trigger === 'delivered');
    expect(result).toEqual({ key: sms.key, channel: 'sms', trigger: 'shipped', failoverOwed: false });
    expect(await notifications.find(sms.key)).toMatchObject({ deliveryState: 'failed' });
    expect(await db().collection('notifications').findOne({ key: sms.key, failoverPending: { $exists: true } })).toBeNull();
  });

  it('recountEnded writes the report contribution of a sent or failed request, once, and nothing for an open or skipped one', async () => {
    const notifications = createNotificationRepository(db());
    const order = uniqueName('REC');
    await createOrderRepository(db()).create(newOrderRecord(order, { placedAt: new Date().toISOString() }), null);
    const at = new Date();
    const request = (trigger: NotificationRequest['trigger']): NotificationRequest => ({ key: `${order}:${trigger}:email`, trigger, channel: 'email' });
    const [open, sending, skipped, sent, failed] = [request('shipped'), request('out_for_delivery'), request('delivery_attempted'), request('delivered'), request('exception')];
    await notifications.recordRequests(order, 1, [open, sending, skipped, sent, failed], at, new Map([
      [sending.key, { status: 'sending' as const }],
      [skipped.key, { status: 'skipped' as const, reason: 'opted out' }],
    ]));
    // Ended by attempts that stopped after their status, before their contribution.
    for (const [r, status] of [[sent, 'sent'], [failed, 'failed']] as const) await db().collection('notifications').updateOne({ key: r.key }, { $set: { status } });
    const contributions = db().collection('report_contributions');
    const recount = async () => {
      for (const r of [open, sending, skipped, sent, failed]) await notifications.recountEnded((await notifications.find(r.key))!);
    };
    await recount();
    await recount();
    const rows = await contributions.find({ o: order, k: 'notify' }).toArray();
    expect(rows.map((row) => `${String(row.n)}=${String(row.st)}`).sort()).toEqual([`${failed.key}=failed`, `${sent.key}=sent`].sort());
  });
});
