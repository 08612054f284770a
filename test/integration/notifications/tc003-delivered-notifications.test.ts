import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import type { ChannelRegistry } from '../../../src/notifications/all.js';
import { NotificationSendError } from '../../../src/notifications/send-error.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { maybeRecord } from '../../support/histories.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startNotifyStack, type NotifyStack } from '../../support/notify-stack.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let notify: NotifyStack;
/** Email sends refused once per key with a transient error before anything reaches SMTP: a forced retry. */
const refusedOnce = new Set<string>();

function failFirstEmailAttempt(channels: ChannelRegistry): ChannelRegistry {
  const email = channels.get('email')!;
  return {
    ...channels,
    available: channels.available,
    close: () => channels.close(),
    get: ((id: 'email' | 'sms' | 'push') =>
      id !== 'email'
        ? channels.get(id)
        : {
            id: 'email',
            send: async (message: Parameters<typeof email.send>[0]) => {
              if (!refusedOnce.has(message.key)) {
                refusedOnce.add(message.key);
                throw new NotificationSendError('transient', 'provider_unavailable', 'forced retry (test)');
              }
              return email.send(message);
            },
          }) as ChannelRegistry['get'],
  };
}

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  notify = await startNotifyStack({ mongoServer, temporalServer, sim, wrapChannels: failFirstEmailAttempt });
});

afterAll(async () => {
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

async function deliver(code: string, trackingNumber: string): Promise<void> {
  await sim.addEvent(trackingNumber, { code: 'DL', occurredAt: new Date().toISOString(), description: 'Delivered', eventId: `${code}-dl` });
  await notify.stack.services.shipmentActions.pollNow(code);
  await eventually(() => notify.stack.repos.orders.findByCode(code), (o) => o?.status === 'delivered', 30_000);
}

describe('TC003: a notification is sent when the status changes to Delivered', () => {
  it('sends exactly one SMS and one e-mail to a customer who chose both (after a forced retry), none to one who chose neither', async () => {
    const both = uniqueName('TCB');
    const neither = uniqueName('TCN');
    const phone = '+905321234567';
    const a = await placeSimulatorOrder(notify.stack, both, {
      prepare: (tn) => sim.manualShipment(tn),
      overrides: { customer: { email: `${both.toLowerCase()}@example.com`, phone }, notifications: { channels: ['email', 'sms'], triggers: ['delivered'] } },
    });
    const b = await placeSimulatorOrder(notify.stack, neither, {
      prepare: (tn) => sim.manualShipment(tn),
      overrides: { customer: { email: `${neither.toLowerCase()}@example.com`, phone: '+905321234568' }, notifications: { channels: [] } },
    });
    await Promise.all([deliver(both, a.trackingNumber), deliver(neither, b.trackingNumber)]);

    const records = await eventually(
      () => notify.stack.repos.notifications.listForOrder(both),
      (list) => list.length === 2 && list.every((n) => n.status === 'sent'),
      60_000,
    );
    expect(records.map((n) => n.key).sort()).toEqual([`notify:${both}:delivered:email`, `notify:${both}:delivered:sms`]);
    const email = records.find((n) => n.channel === 'email')!;
    expect(email.attempts).toBe(2);
    expect(refusedOnce.has(email.key)).toBe(true);
    const sms = records.find((n) => n.channel === 'sms')!;
    expect(sms.providerMessageId).toMatch(/^SM/);
    expect(sms.attempts).toBe(1);
    // The milestone's messages went out in the ShipmentWorkflow's own read-model write (no activity, no
    // batch workflow for them): the SMS was sent there, the e-mail met the provider's refusal and only it
    // went on, to a follow-up workflow named by the revision's first key, with one activity.
    const shipmentEvents = (await a.handle.fetchHistory()).events ?? [];
    const shipmentActivities = shipmentEvents.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
    expect(shipmentActivities).not.toContain('sendNotifications');
    const patches = shipmentEvents.flatMap((e) =>
      e.markerRecordedEventAttributes?.markerName === 'core_patch' ? [Buffer.from(e.markerRecordedEventAttributes.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString()] : [],
    );
    expect(patches.some((p) => p.includes('"notifications-in-read-model-write"'))).toBe(true);
    const followUp = notify.stack.temporal.workflow.getHandle(`notify:${both}:delivered:email`);
    expect((await followUp.describe()).type).toBe('NotificationFollowUpWorkflow');
    expect(await followUp.result()).toEqual(['sent']);
    const scheduled = ((await followUp.fetchHistory()).events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
    expect(scheduled).toEqual(['deliverNotification']);
    await expect(notify.stack.temporal.workflow.getHandle(`notify:${both}:delivered:sms`).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await maybeRecord('notification-follow-up-email-retried', followUp);
    await maybeRecord('delivered-notified-in-write', a.handle);

    // Give any duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    const mails = notify.smtp.mails.filter((m) => m.envelopeTo.includes(`${both.toLowerCase()}@example.com`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toContain(both);
    expect(mails[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    expect(mails[0]!.parsed.text).toContain('https://tracking.test/t/');
    const texts = notify.twilio.store.messages.filter((m) => m.direction === 'outbound-api' && m.to === phone);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toContain(both);

    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(`${neither.toLowerCase()}@example.com`))).toHaveLength(0);
    expect(notify.twilio.store.messages.filter((m) => m.to === '+905321234568')).toHaveLength(0);
    expect(await notify.stack.repos.notifications.listForOrder(neither)).toEqual([]);
  }, 120_000);
});
