import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import { startTwilioSim, type RunningTwilioSim } from '../../../src/simulators/twilio/start-twilio-sim.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { workerProcesses } from '../../support/worker-process.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { TWILIO_SID, TWILIO_TOKEN } from '../../support/notify-stack.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';
import { startStack, type TestStack } from '../../support/stack.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let twilio: RunningTwilioSim;
let stack: TestStack;
let smtp: SMTPServer;
let smtpPort: number;
/** Recipients of every message the SMTP server accepted (250 after DATA). */
const accepted: string[] = [];
/** Resolves when the first RCPT arrives; that RCPT is held (never answered) so the worker dies mid-send. */
let firstRcpt: () => void;
const firstRcptSeen = new Promise<void>((resolve) => (firstRcpt = resolve));
let held = false;

const workers = workerProcesses(() => stack, () => sim);
const spawnWorker = () =>
  workers.spawn({
    SHIPMENT_POLL_INTERVAL: '1s',
    PUBLIC_BASE_URL: 'https://tracking.test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: 'false',
    SMTP_FROM: 'Test Shop <orders@shop.test>',
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.url,
  });

beforeAll(async () => {
  [mongoServer, temporalServer, sim, twilio] = await Promise.all([
    startTestMongo(),
    startTestTemporalDev(),
    startTestCarrierSim(),
    startTwilioSim({ accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, stepDelayMs: 20 }),
  ]);
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!held) {
        held = true;
        firstRcpt();
        return; // never answered: the worker is killed while waiting
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        accepted.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  // The killed worker's connection resets; that is the point of the test, not an error of it.
  smtp.on('error', () => {});
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  stack = await startStack({ mongoServer, temporalServer, carriers: sim.carriers, startWorker: false, env: { SHIPMENT_POLL_INTERVAL: '1s' } });
});

afterAll(async () => {
  workers.killAll();
  await stack?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop(), twilio?.stop()]);
});

describe('TC003 after a worker SIGKILL mid-send', () => {
  it('still ends with exactly one e-mail and one SMS to the customer who chose both', async () => {
    const code = uniqueName('TCK');
    const email = `${code.toLowerCase()}@example.com`;
    const phone = '+905321230001';
    const first = spawnWorker();
    const order = await placeSimulatorOrder(stack, code, {
      prepare: (tn) => sim.manualShipment(tn),
      overrides: { customer: { email, phone }, notifications: { channels: ['email', 'sms'], triggers: ['delivered'] } },
    });
    await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: new Date().toISOString(), eventId: `${code}-dl` });
    await stack.services.shipmentActions.pollNow(code);
    await firstRcptSeen;
    // The SMS goes beside the held e-mail in the same read-model write (a local activity of the
    // ShipmentWorkflow): killed once the SMS is recorded sent.
    await eventually(() => stack.repos.notifications.find(`notify:${code}:delivered:sms`), (n) => n?.status === 'sent', 30_000, 50);
    first.kill('SIGKILL');
    expect((await stack.repos.notifications.find(`notify:${code}:delivered:email`))?.status).toBe('sending');

    spawnWorker();
    // The killed worker's workflow task (running the write) times out and the new worker runs the write
    // again: the e-mail, left `sending`, goes again; the SMS, recorded sent before the kill, does not.
    const log = await eventually(() => stack.repos.notifications.listForOrder(code), (l) => l.length === 2 && l.every((n) => n.status === 'sent'), 120_000, 500);
    expect(log.find((n) => n.channel === 'email')!.attempts).toBe(2);
    expect(log.find((n) => n.channel === 'sms')!.attempts).toBe(1);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(accepted.filter((to) => to === email)).toHaveLength(1);
    expect(twilio.store.messages.filter((m) => m.direction === 'outbound-api' && m.to === phone)).toHaveLength(1);
  }, 200_000);
});
