import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { createLogger } from '../../../src/observability/logger.js';
import { newOrderRecord } from '../../support/orders.js';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import type { ChannelRegistry } from '../../../src/notifications/all.js';
import { NotificationSendError } from '../../../src/notifications/send-error.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startNotifyStack, type NotifyStack } from '../../support/notify-stack.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';
import { startWireFaultProxy, type WireCommand, type WireFault, type WireFaultProxy } from '../../support/wire-fault-proxy.js';

/**
 * A send retried after its provider refused the message for good must still fail it over: the store
 * "fails" right after it recorded the SMS `failed` (the write landed, the answer is an error), so the
 * attempt runs again and finds that SMS ended. Both places a first send can be: the ShipmentWorkflow's
 * read-model write, and a follow-up's delivery after a transient first attempt.
 */
let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let proxy: WireFaultProxy;
let notify: NotifyStack;
/** Twilio's magic test number whose create answers 21211 (invalid 'To'): a permanent failure. */
const INVALID_NUMBER = '+15005550001';
/** Keys whose `failed` mark the store answers with an error once, after writing it. */
const failOnce = new Set<string>();
const injected: string[] = [];
/** SMS keys whose first send meets a transient error (before Twilio): the real attempt is the follow-up's. */
const transientFirst = new Set<string>();

function failFirstSmsAttempt(channels: ChannelRegistry): ChannelRegistry {
  const sms = channels.get('sms')!;
  return {
    ...channels,
    available: channels.available,
    close: () => channels.close(),
    get: ((id: 'email' | 'sms' | 'push') =>
      id !== 'sms'
        ? channels.get(id)
        : {
            id: 'sms',
            send: async (message: Parameters<typeof sms.send>[0]) => {
              if (transientFirst.delete(message.key)) throw new NotificationSendError('transient', 'provider_unavailable', 'forced retry (test)');
              return sms.send(message);
            },
          }) as ChannelRegistry['get'],
  };
}

/** Keys whose report contribution (`n:<key>`) the store refuses once, without writing it. */
const refuseContributionOnce = new Set<string>();

/** The update that marks one of `failOnce` failed: passed to the server, then answered with an error. */
function decide(command: WireCommand): WireFault {
  if (command.name === 'insert' && command.collection === 'report_contributions') {
    const hit = command.documents.find((d) => typeof d._id === 'string' && refuseContributionOnce.delete(d._id.slice(2)));
    if (hit) injected.push(`contribution ${String(hit._id)}`);
    return hit ? { kind: 'reply-instead', reply: { ok: 0, code: 1, errmsg: 'injected: contribution refused', codeName: 'InternalError' } } : { kind: 'pass' };
  }
  if (command.name !== 'update' || command.collection !== 'notifications') return { kind: 'pass' };
  const updates = (command.body.updates ?? []) as { q?: { key?: unknown }; u?: { $set?: { status?: unknown } } }[];
  const hit = updates.find((u) => typeof u.q?.key === 'string' && failOnce.has(u.q.key) && u.u?.$set?.status === 'failed');
  if (!hit) return { kind: 'pass' };
  failOnce.delete(hit.q!.key as string);
  injected.push(hit.q!.key as string);
  return { kind: 'reply-after', reply: { ok: 0, code: 1, errmsg: 'injected: store answered after writing', codeName: 'InternalError' } };
}

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  proxy = await startWireFaultProxy(mongoServer.uri, decide);
  notify = await startNotifyStack({ mongoServer: { ...mongoServer, uri: proxy.uri }, temporalServer, sim, wrapChannels: failFirstSmsAttempt });
}, 120_000);

afterAll(async () => {
  await notify?.stop();
  await proxy?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

/** An SMS-only "delivered" to a number Twilio refuses; waits for its log to show two ended requests. */
async function deliverToInvalidNumber(code: string, smsKey: string) {
  const email = `${code.toLowerCase()}@example.com`;
  failOnce.add(smsKey);
  const order = await placeSimulatorOrder(notify.stack, code, {
    prepare: (tn) => sim.manualShipment(tn),
    overrides: { customer: { email, phone: INVALID_NUMBER }, notifications: { channels: ['sms'], triggers: ['delivered'] } },
  });
  await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: new Date().toISOString(), description: 'Delivered', eventId: `${code}-dl` });
  await notify.stack.services.shipmentActions.pollNow(code);
  const log = await eventually(
    () => notify.stack.repos.notifications.listForOrder(code),
    (l) => l.length === 2 && l.every((r) => r.status === 'sent' || r.status === 'failed'),
    30_000,
  );
  return { email, log };
}

describe('a send retried after a permanent send failure', () => {
  it('read-model write: still fails the "delivered" SMS over to e-mail, once, and a second start of that failover sends nothing more', async () => {
    const code = uniqueName('PRR');
    const smsKey = `notify:${code}:delivered:sms`;
    const emailKey = `notify:${code}:delivered:email`;
    const { email, log } = await deliverToInvalidNumber(code, smsKey);
    // The fault did happen: the SMS's `failed` was written and answered with an error, so the write ran again.
    expect(injected).toEqual([smsKey]);
    expect(log.find((r) => r.key === smsKey)).toMatchObject({ channel: 'sms', status: 'failed' });
    expect(log.find((r) => r.key === smsKey)!.error).toMatch(/invalid_recipient/);
    expect(log.find((r) => r.key === emailKey)).toMatchObject({ channel: 'email', status: 'sent', failoverOf: smsKey });

    // Starting the failover again (another follow-up of the same outcome) finds it made: no second e-mail.
    const again = await notify.stack.temporal.workflow.execute('NotificationFollowUpWorkflow', {
      workflowId: `again:${smsKey}`,
      taskQueue: notify.stack.config.temporal.taskQueue,
      args: [[{ key: smsKey, outcome: 'permanent' }]],
    });
    expect(again).toEqual([`failed; failover ${emailKey}`]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
    expect(await notify.stack.repos.notifications.listForOrder(code)).toHaveLength(2);
    expect(notify.twilio.store.messages.filter((m) => m.direction === 'outbound-api' && m.to === INVALID_NUMBER)).toHaveLength(0);
  }, 120_000);

  it('follow-up delivery: a "delivered" SMS refused for good on its second attempt fails over even when that attempt runs again', async () => {
    const code = uniqueName('PRF');
    const smsKey = `notify:${code}:delivered:sms`;
    transientFirst.add(smsKey);
    injected.length = 0;
    const { email, log } = await deliverToInvalidNumber(code, smsKey);
    expect(transientFirst.has(smsKey)).toBe(false);
    expect(injected).toEqual([smsKey]);
    expect(log.find((r) => r.key === smsKey)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(log.find((r) => r.key === `notify:${code}:delivered:email`)).toMatchObject({ status: 'sent', failoverOf: smsKey });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
  }, 120_000);

  it('the report still counts an end whose rollup contribution failed after the status was stored', async () => {
    const code = uniqueName('PRC');
    const smsKey = `notify:${code}:delivered:sms`;
    // The SMS is marked failed (stored, answer lost) and, on the write's second run, its contribution is refused
    // once more: only the third run's recount writes it. Neither run sends anything again.
    refuseContributionOnce.add(smsKey);
    injected.length = 0;
    const { log } = await deliverToInvalidNumber(code, smsKey);
    expect(injected).toEqual([smsKey, `contribution n:${smsKey}`]);
    expect(log.find((r) => r.key === smsKey)).toMatchObject({ status: 'failed' });
    const contributions = () => notify.stack.mongo.db!.collection('report_contributions').find({ n: smsKey }).toArray();
    const stored = await eventually(contributions, (rows) => rows.length === 1, 30_000);
    expect(stored[0]).toMatchObject({ k: 'notify', o: code, ch: 'sms', st: 'failed' });
    expect(notify.twilio.store.messages.filter((m) => m.direction === 'outbound-api' && m.to === INVALID_NUMBER)).toHaveLength(0);
  }, 120_000);

  it('the follow-up\'s give-up and prepare steps also write the contribution of a request they find ended', async () => {
    const activities = createActivities({ mongo: notify.stack.mongo, logger: createLogger('silent'), config: notify.stack.config, carriers: sim.carriers, temporal: notify.stack.temporal });
    const contributions = notify.stack.mongo.db!.collection('report_contributions');
    for (const [step, status] of [['gave-up', 'failed'], ['prepare', 'sent']] as const) {
      const code = uniqueName('PRE');
      await notify.stack.repos.orders.create(newOrderRecord(code, { placedAt: new Date().toISOString() }), null);
      const key = `notify:${code}:delivered:sms`;
      await notify.stack.repos.notifications.recordRequests(code, 1, [{ key, trigger: 'delivered', channel: 'sms' }], new Date());
      // Ended by an attempt that stopped before its contribution (the status stored, nothing else).
      await notify.stack.mongo.db!.collection('notifications').updateOne({ key }, { $set: { status } });
      expect(await contributions.countDocuments({ n: key })).toBe(0);
      if (step === 'gave-up') await activities.markNotificationGaveUp(key, 'timed out');
      else expect(await activities.prepareNotification(key)).toEqual({ action: 'done' });
      expect(await contributions.findOne({ n: key }), step).toMatchObject({ k: 'notify', o: code, ch: 'sms', st: status });
    }
  }, 60_000);
});
