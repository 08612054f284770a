import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../src/db/customers/repository.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { minutesOfDay, offsetMinutes } from '../../src/domain/quiet-hours.js';
import { needsFollowUp, notificationBatchWorkflowId } from '../../workflows/notification-messages.js';
import { createActivities } from '../../activities/index.js';
import { createLogger } from '../../src/observability/logger.js';
import { startTestCarrierSim, type TestCarrierSim } from '../support/carrier-sim.js';
import { startNotifyStack, type NotifyStack } from '../support/notify-stack.js';
import { maybeRecord } from '../support/histories.js';
import { startTestMongo, startTestTemporalTimeSkipping, uniqueName, type TestMongo } from '../support/servers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let notify: NotifyStack;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalTimeSkipping(), startTestCarrierSim()]);
  notify = await startNotifyStack({ mongoServer, temporalServer, sim });
});

afterAll(async () => {
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

const ZONE = 'America/New_York';
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A quiet window around "now" in New York (not the server's zone): started an hour ago, ends in two hours. */
function windowAroundNow() {
  const nowMs = Date.now();
  const localMinute = ((Math.floor(nowMs / 60_000) + offsetMinutes(nowMs, ZONE)) % 1440 + 1440) % 1440;
  return { nowMs, start: hhmm((localMinute + 1440 - 60) % 1440), end: hhmm((localMinute + 120) % 1440) };
}

/** An order of a customer in New York with e-mail and SMS and a quiet window around "now" there. */
async function orderInQuietHours(prefix: string, phone: string, record = true) {
  const { nowMs, start, end } = windowAroundNow();
  const code = uniqueName(prefix);
  const customer = await createCustomerRepository(notify.stack.mongo).findOrCreateByEmail({ email: `${code.toLowerCase()}@example.com`, phone });
  await notify.stack.repos.orders.create({
    code,
    customerId: customer.id,
    items: [{ sku: 'S', name: 'Mug', quantity: 1 }],
    shippingAddress: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
    carrierId: 'simulator',
    trackingNumber: `SIM-${code}`,
    notificationPreferences: { channels: ['email', 'sms'], language: 'en', timeZone: ZONE, quietHours: { start, end } },
    trackingToken: `tok-${code}`,
    requestHash: `hash-${code}`,
    workflowId: `shipment-${code}`,
    placedAt: new Date(nowMs).toISOString(),
  }, customer);
  const keys = { email: `notify:${code}:shipped:email`, sms: `notify:${code}:shipped:sms` };
  if (record) await notify.stack.repos.notifications.recordRequests(code, 1, [
    { key: keys.email, trigger: 'shipped', channel: 'email' },
    { key: keys.sms, trigger: 'shipped', channel: 'sms' },
  ], new Date(nowMs));
  return { code, keys, nowMs, end };
}

/** The SMS's release was stored as the window's end in New York's wall-clock time, 2 h ahead. */
async function expectReleasedAtWindowEnd(key: string, nowMs: number, end: string): Promise<void> {
  const sms = await notify.stack.repos.notifications.find(key);
  const notBefore = Date.parse(sms!.notBefore!);
  expect(notBefore - nowMs).toBeGreaterThan(119 * 60_000);
  expect(notBefore - nowMs).toBeLessThanOrEqual(120 * 60_000);
  const releaseLocal = ((Math.floor(notBefore / 60_000) + offsetMinutes(notBefore, ZONE)) % 1440 + 1440) % 1440;
  expect(releaseLocal).toBe(minutesOfDay(end));
  expect(sms!.status).toBe('sent');
}

describe('quiet hours (time-skipping server): an SMS due at night waits for the customer\'s morning; e-mail does not', () => {
  it('holds the SMS on a durable timer until the window ends in the customer\'s zone, sends the e-mail at once (per-message workflow of earlier releases)', async () => {
    const phone = '+12125550143';
    const { keys, nowMs, end } = await orderInQuietHours('QH', phone);
    const run = (key: string) => notify.stack.temporal.workflow.execute('NotificationWorkflow', { workflowId: key, taskQueue: notify.stack.config.temporal.taskQueue, args: [key] });
    expect(await run(keys.email)).toBe('sent');
    const emailHistory = await notify.stack.temporal.workflow.getHandle(keys.email).fetchHistory();
    expect(emailHistory.events?.some((e) => e.timerStartedEventAttributes)).toBe(false);

    expect(await run(keys.sms)).toBe('sent');
    await expectReleasedAtWindowEnd(keys.sms, nowMs, end);
    const smsHandle = notify.stack.temporal.workflow.getHandle(keys.sms);
    expect((await smsHandle.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes)).toBe(true);
    expect(notify.twilio.store.messages.filter((m) => m.to === phone)).toHaveLength(1);
    await maybeRecord('notification-sms-held-by-quiet-hours', smsHandle);
  }, 120_000);

  it('one batch for the milestone: the e-mail goes in its first activity, the SMS still waits on a durable timer and is sent once, after', async () => {
    const phone = '+12125550144';
    const { code, keys, nowMs, end } = await orderInQuietHours('QHB', phone);
    const handle = await notify.stack.temporal.workflow.start('NotificationBatchWorkflow', {
      workflowId: notificationBatchWorkflowId([keys.email, keys.sms]),
      taskQueue: notify.stack.config.temporal.taskQueue,
      args: [[keys.email, keys.sms]],
    });
    expect(await handle.result()).toEqual(['sent', 'sent']);
    await expectReleasedAtWindowEnd(keys.sms, nowMs, end);
    const email = await notify.stack.repos.notifications.find(keys.email);
    expect(email!.notBefore).toBeUndefined();

    // The e-mail went in the first activity, before the wait; the SMS's delivery was scheduled only after the
    // timer (time-skipped here) fired.
    const events = (await handle.fetchHistory()).events ?? [];
    const activities = events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
    expect(activities).toEqual(['sendNotifications', 'deliverNotification']);
    expect(events.filter((e) => e.timerStartedEventAttributes)).toHaveLength(1);
    const fired = events.findIndex((e) => e.timerFiredEventAttributes);
    const delivery = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverNotification');
    expect(fired).toBeGreaterThan(0);
    expect(delivery).toBeGreaterThan(fired);
    expect(email!.attempts).toBe(1);
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(`${code.toLowerCase()}@example.com`))).toHaveLength(1);
    expect(notify.twilio.store.messages.filter((m) => m.to === phone)).toHaveLength(1);
    await maybeRecord('notification-batch-sms-held-by-quiet-hours', handle);
  }, 120_000);

  it('sent by the read-model write (since notifications-in-read-model-write): the e-mail goes at once, the held SMS waits in a follow-up workflow on a durable timer and is sent once, after', async () => {
    const phone = '+12125550145';
    const { code, keys, nowMs, end } = await orderInQuietHours('QHW', phone, false);
    // The two steps the ShipmentWorkflow takes: the first attempt inside its read-model write (requests
    // recorded already decided), then the follow-up of what it left, started under the revision's first key.
    const activities = createActivities({ mongo: notify.stack.mongo, logger: createLogger('silent'), config: notify.stack.config, carriers: sim.carriers, temporal: notify.stack.temporal });
    const requests = [
      { key: keys.email, trigger: 'shipped' as const, channel: 'email' as const },
      { key: keys.sms, trigger: 'shipped' as const, channel: 'sms' as const },
    ];
    const outcomes = await activities.sendRevision({ orderCode: code, revision: 1, requests }, new Date(nowMs));
    expect(outcomes.map((o) => o.outcome)).toEqual(['sent', 'held']);
    expect(await notify.stack.repos.notifications.find(keys.sms)).toMatchObject({ status: 'requested', attempts: 0 });
    const workflowId = notificationBatchWorkflowId([keys.email, keys.sms]);
    await activities.startNotificationFollowUp({ workflowId, outcomes: outcomes.filter(needsFollowUp) });
    // A retried write starts it again: the id makes that a no-op.
    await activities.startNotificationFollowUp({ workflowId, outcomes: outcomes.filter(needsFollowUp) });

    const followUp = notify.stack.temporal.workflow.getHandle(workflowId);
    expect((await followUp.describe()).type).toBe('NotificationFollowUpWorkflow');
    expect(await followUp.result()).toEqual(['sent']);
    await expectReleasedAtWindowEnd(keys.sms, nowMs, end);
    const events = (await followUp.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.timerStartedEventAttributes)).toHaveLength(1);
    expect(events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []))).toEqual(['deliverNotification']);
    expect((await notify.stack.repos.notifications.find(keys.email))!.attempts).toBe(1);
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(`${code.toLowerCase()}@example.com`))).toHaveLength(1);
    expect(notify.twilio.store.messages.filter((m) => m.to === phone)).toHaveLength(1);
    await maybeRecord('notification-follow-up-sms-held-by-quiet-hours', followUp);
  }, 120_000);
});
