import { describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../../src/db/customers/repository.js';
import { createNotificationPreferenceRepository } from '../../../src/db/notification-preferences/repository.js';
import { createNotificationRepository } from '../../../src/db/notifications/repository.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createNotificationCallbacks } from '../../../src/services/notification-callbacks.js';
import { twilioSignature } from '../../../src/simulators/twilio/twilio-signature.js';
import { uniqueName } from '../../support/servers.js';
import { useTestConnection } from '../../support/test-connection.js';

/**
 * Twilio's undelivered/failed status callback on the service (real store, signed as Twilio signs): the
 * failover's owed mark is written only for an SMS whose milestone fails over. The failover start is the
 * caller's hook; here it records the keys it was asked for (Temporal's side is in sms-undelivered-failover).
 */
const db = useTestConnection('undelivered-owed');
const AUTH_TOKEN = 'undelivered-owed-token';
const CALLBACK_URL = 'https://tracking.test/webhooks/twilio/status';

function setUp() {
  const notifications = createNotificationRepository(db());
  const pendingWrites: boolean[] = [];
  const started: string[] = [];
  const callbacks = createNotificationCallbacks({
    notifications: { ...notifications, setFailoverPending: (key, pending, at) => (pendingWrites.push(pending), notifications.setFailoverPending(key, pending, at)) },
    customers: createCustomerRepository(db()),
    preferences: createNotificationPreferenceRepository(db()),
    twilio: { accountSid: `AC${'c3'.repeat(16)}`, authToken: AUTH_TOKEN, from: '+15005550006', statusCallbackUrl: CALLBACK_URL },
    unsubscribeSecret: 'undelivered-owed-secret-0123456789',
    startDeliveryFailover: async (key) => void started.push(key),
    logger: createLogger('silent'),
    now: () => new Date('2026-12-07T10:00:00Z'),
  });
  return { notifications, callbacks, pendingWrites, started };
}

/** Records a sent SMS of `trigger` with a SID and reports it undelivered (Twilio 30003). */
async function reportUndelivered(s: ReturnType<typeof setUp>, trigger: 'shipped' | 'delivered') {
  const order = uniqueName('OWE');
  const key = `notify:${order}:${trigger}:sms`;
  const sid = `SM${order}`;
  const at = new Date('2026-12-07T09:59:00Z');
  await s.notifications.recordRequests(order, 1, [{ key, trigger, channel: 'sms' }], at, new Map([[key, { status: 'sending' as const }]]));
  await s.notifications.markSent(key, sid, 'sent', at);
  const params = { AccountSid: `AC${'c3'.repeat(16)}`, MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003', To: '+905321110001' };
  await s.callbacks.twilioStatus({ url: CALLBACK_URL, rawBody: new URLSearchParams(params).toString(), signature: twilioSignature(AUTH_TOKEN, CALLBACK_URL, params) });
  return key;
}

describe('an undelivered SMS report and the failover it owes', () => {
  it('writes no owed mark (not even one cleared after) for a milestone without failover', async () => {
    const s = setUp();
    const key = await reportUndelivered(s, 'shipped');
    expect(await s.notifications.find(key)).toMatchObject({ deliveryState: 'undelivered', deliveryError: expect.stringMatching(/30003/) });
    expect(s.pendingWrites).toEqual([]);
    expect(s.started).toEqual([]);
    expect(await db().collection('notifications').findOne({ key, failoverPending: { $exists: true } })).toBeNull();
  });

  it('marks it owed for "delivered", starts it, and clears the mark once started', async () => {
    const s = setUp();
    const key = await reportUndelivered(s, 'delivered');
    expect(s.started).toEqual([key]);
    expect(s.pendingWrites).toEqual([false]);
    expect(await s.notifications.listFailoverPending(100)).not.toContain(key);
  });
});
