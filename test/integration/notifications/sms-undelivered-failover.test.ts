import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/create-app.js';
import { freePort } from '../../../src/embedded/free-port.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createServices } from '../../../src/services/services.js';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import { twilioSignature } from '../../../src/simulators/twilio/twilio-signature.js';
import { deliveryFailoverWorkflowId } from '../../../workflows/notification-messages.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startNotifyStack, TWILIO_TOKEN, type NotifyStack } from '../../support/notify-stack.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let notify: NotifyStack;
let api: ReturnType<typeof serve>;
let callbackUrl: string;
/** The app the callback URL reaches: the stack's, or (one test) an API instance whose Temporal is unreachable. */
let callbackApp: { fetch: (request: Request) => Response | Promise<Response> };
const UNREACHABLE_3 = '+905321110003';
/** Numbers the local Twilio server accepts and then reports undelivered (30003: unreachable handset). */
const UNREACHABLE = '+905321110001';
const UNREACHABLE_2 = '+905321110002';

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  // The status callbacks reach our API over HTTP, as Twilio's do: the simulator signs the URL it posts to.
  const port = await freePort();
  callbackUrl = `http://127.0.0.1:${port}/webhooks/twilio/status`;
  notify = await startNotifyStack({
    mongoServer,
    temporalServer,
    sim,
    env: { TWILIO_STATUS_CALLBACK_URL: callbackUrl },
    // Reports 300 ms apart: the SID is recorded before the report that names it (an unknown SID is ignored).
    twilio: { stepDelayMs: 300, deliveryFailures: { [UNREACHABLE]: { status: 'undelivered', errorCode: 30003 }, [UNREACHABLE_2]: { status: 'failed', errorCode: 30006 }, [UNREACHABLE_3]: { status: 'undelivered', errorCode: 30003 } } },
  });
  callbackApp = notify.stack.app;
  api = serve({ fetch: (request) => callbackApp.fetch(request), hostname: '127.0.0.1', port });
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

const ENDED = ['sent', 'failed', 'skipped'];

async function placeAndScan(code: string, phone: string, triggers: string[], scan: { code: string; description: string }) {
  const email = `${code.toLowerCase()}@example.com`;
  const order = await placeSimulatorOrder(notify.stack, code, {
    prepare: (tn) => sim.manualShipment(tn),
    overrides: { customer: { email, phone }, notifications: { channels: ['sms'], triggers } },
  });
  await sim.addEvent(order.trackingNumber, { ...scan, occurredAt: new Date().toISOString(), eventId: `${code}-${scan.code}` });
  await notify.stack.services.shipmentActions.pollNow(code);
  return { email };
}

/** Posts a status callback signed the way Twilio signs it (over the configured callback URL). */
function postStatus(params: Record<string, string>) {
  return notify.stack.app.request('/webhooks/twilio/status', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, callbackUrl, params) },
    body: new URLSearchParams(params).toString(),
  });
}

describe('failover after Twilio reports an SMS undelivered (twilio SDK → local Twilio server → signed status callbacks)', () => {
  it('e-mails a "delivered" whose SMS ended undelivered, exactly once even when the report repeats; the log shows both', async () => {
    const code = uniqueName('UND');
    const { email } = await placeAndScan(code, UNREACHABLE, ['delivered'], { code: 'DL', description: 'Delivered' });
    const smsKey = `notify:${code}:delivered:sms`;
    const log = await eventually(
      () => notify.stack.repos.notifications.listForOrder(code),
      (l) => l.length === 2 && l.every((r) => ENDED.includes(r.status)),
      60_000,
    );
    const sms = log.find((r) => r.channel === 'sms')!;
    expect(sms).toMatchObject({ key: smsKey, status: 'sent', deliveryState: 'undelivered' });
    expect(sms.deliveryError).toMatch(/30003/);
    expect(log.find((r) => r.channel === 'email')).toMatchObject({ key: `notify:${code}:delivered:email`, status: 'sent', failoverOf: smsKey });
    // The simulator really posted the report (queued → sent → undelivered) to our API, which accepted it.
    const message = notify.twilio.store.messages.find((m) => m.to === UNREACHABLE && m.sid === sms.providerMessageId)!;
    expect(message.webhookLog.map((w) => [w.status, w.result])).toEqual([['sent', '204'], ['undelivered', '204']]);

    // Twilio repeats the report (retries, duplicates), some at once: still one failover, one e-mail.
    const repeat = { AccountSid: 'AC', MessageSid: sms.providerMessageId!, MessageStatus: 'undelivered', ErrorCode: '30003', To: UNREACHABLE };
    const answers = await Promise.all([postStatus(repeat), postStatus(repeat), postStatus({ ...repeat, MessageStatus: 'failed' })]);
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204]);
    const failover = notify.stack.temporal.workflow.getHandle(deliveryFailoverWorkflowId(smsKey));
    expect(await failover.result()).toBe(`notify:${code}:delivered:email`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await notify.stack.repos.notifications.listForOrder(code)).toHaveLength(2);
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
  }, 120_000);

  it('fails an exception over too (the SMS ended failed), but not an "out for delivery" text', async () => {
    const exception = uniqueName('UNDX');
    const ex = await placeAndScan(exception, UNREACHABLE_2, ['exception'], { code: 'EX', description: 'Address problem' });
    const log = await eventually(
      () => notify.stack.repos.notifications.listForOrder(exception),
      (l) => l.length === 2 && l.every((r) => ENDED.includes(r.status)),
      60_000,
    );
    expect(log.find((r) => r.channel === 'sms')).toMatchObject({ status: 'sent', deliveryState: 'failed' });
    expect(log.find((r) => r.channel === 'email')).toMatchObject({ status: 'sent', failoverOf: `notify:${exception}:exception:sms` });
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(ex.email))).toHaveLength(1);

    const ofd = uniqueName('UNDO');
    const od = await placeAndScan(ofd, UNREACHABLE, ['out_for_delivery'], { code: 'OD', description: 'Out for delivery' });
    const [sms] = await eventually(
      () => notify.stack.repos.notifications.listForOrder(ofd),
      (l) => l.length === 1 && l[0]!.deliveryState === 'undelivered',
      60_000,
    );
    expect(sms).toMatchObject({ channel: 'sms', status: 'sent' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await notify.stack.repos.notifications.listForOrder(ofd)).toHaveLength(1);
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(od.email))).toHaveLength(0);
  }, 120_000);

  it('a report that comes while Temporal is unreachable is answered 2xx, kept as owed, and failed over by the sweep once Temporal answers', async () => {
    // An API instance on the same database whose Temporal frontend is unreachable takes the status callbacks.
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
    const logger = createLogger('silent');
    const { config, mongo, carriers } = notify.stack;
    const services = createServices({ mongo, temporal: new Client({ connection, namespace: config.temporal.namespace }), config, logger, carriers });
    callbackApp = createApp({ services, logger, auth: config.auth, publicBaseUrl: config.http.publicBaseUrl });
    const code = uniqueName('UNDT');
    const smsKey = `notify:${code}:delivered:sms`;
    let email: string;
    try {
      ({ email } = await placeAndScan(code, UNREACHABLE_3, ['delivered'], { code: 'DL', description: 'Delivered' }));
      const sms = await eventually(
        () => notify.stack.repos.notifications.find(smsKey),
        (r) => r?.deliveryState === 'undelivered',
        60_000,
      );
      // Answered 204 although the failover could not be started (the simulator logs the answer it got).
      const message = notify.twilio.store.messages.find((m) => m.sid === sms!.providerMessageId)!;
      const answered = await eventually(async () => message.webhookLog.map((w) => [w.status, w.result]), (log) => log.length === 2, 15_000);
      expect(answered).toEqual([['sent', '204'], ['undelivered', '204']]);
      expect(await notify.stack.mongo.db!.collection('notifications').findOne({ key: smsKey })).toMatchObject({ failoverPending: true });
      expect(await notify.stack.repos.notifications.listForOrder(code)).toHaveLength(1);
    } finally {
      callbackApp = notify.stack.app;
      await services.webhookRelay.close();
      await connection.close().catch(() => {});
    }
    // Temporal answers again (the stack's own instance): the sweep starts the owed failover, once.
    expect(await notify.stack.services.notificationCallbacks.startOwedFailovers()).toBeGreaterThanOrEqual(1);
    expect(await notify.stack.services.notificationCallbacks.startOwedFailovers()).toBe(0);
    const failover = notify.stack.temporal.workflow.getHandle(deliveryFailoverWorkflowId(smsKey));
    expect(await failover.result()).toBe(`notify:${code}:delivered:email`);
    const mail = await eventually(() => notify.stack.repos.notifications.find(`notify:${code}:delivered:email`), (r) => r?.status === 'sent', 30_000);
    expect(mail).toMatchObject({ status: 'sent', failoverOf: smsKey });
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
    expect(await notify.stack.mongo.db!.collection('notifications').findOne({ key: smsKey })).not.toHaveProperty('failoverPending');
  }, 120_000);
});
