import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import { twilioSignature } from '../../../src/simulators/twilio/twilio-signature.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startNotifyStack, TWILIO_TOKEN, type NotifyStack } from '../../support/notify-stack.js';
import { storefrontHeaders } from '../../support/orders.js';
import { readJson } from '../../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';
import { settledOrder } from '../../support/settled-order.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let notify: NotifyStack;
const BASE = 'https://tracking.test';
let phoneSerial = 1000 + Math.floor(Math.random() * 8000);
const newPhone = () => `+90532123${String(phoneSerial++).padStart(4, '0')}`;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  notify = await startNotifyStack({ mongoServer, temporalServer, sim });
});

afterAll(async () => {
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

async function placeAndDeliver(code: string, customer: Record<string, string>, notifications: Record<string, unknown>) {
  const order = await placeSimulatorOrder(notify.stack, code, { prepare: (tn) => sim.manualShipment(tn), overrides: { customer, notifications } });
  await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: new Date().toISOString(), description: 'Delivered', eventId: `${code}-dl` });
  await notify.stack.services.shipmentActions.pollNow(code);
  return order;
}

const ended = (list: { status: string }[], n: number) => list.length === n && list.every((r) => ['sent', 'failed', 'skipped'].includes(r.status));

function signedForm(path: string, params: Record<string, string>, signature = twilioSignature(TWILIO_TOKEN, `${BASE}${path}`, params)) {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() };
}

describe('notification callbacks, opt-outs and failover (real SMTP, twilio SDK → local Twilio server)', () => {
  it('keeps the delivery state from a correctly signed status callback and refuses a bad signature with 403', async () => {
    const code = uniqueName('CB');
    await placeAndDeliver(code, { email: `${code.toLowerCase()}@example.com`, phone: newPhone() }, { channels: ['sms'], triggers: ['delivered'] });
    const [sms] = await eventually(() => notify.stack.repos.notifications.listForOrder(code), (l) => ended(l, 1), 60_000);
    expect(sms).toMatchObject({ status: 'sent', deliveryState: 'queued' });
    const params = { MessageSid: sms!.providerMessageId!, MessageStatus: 'delivered', AccountSid: 'AC', To: '+905321234567' };

    const forged = await notify.stack.app.request('/webhooks/twilio/status', signedForm('/webhooks/twilio/status', params, 'bm90IGEgc2lnbmF0dXJl'));
    expect(forged.status).toBe(403);
    expect((await readJson(forged)).error.code).toBe('SIGNATURE_INVALID');
    expect((await notify.stack.repos.notifications.find(sms!.key))?.deliveryState).toBe('queued');

    const good = await notify.stack.app.request('/webhooks/twilio/status', signedForm('/webhooks/twilio/status', params));
    expect(good.status).toBe(204);
    expect((await notify.stack.repos.notifications.find(sms!.key))?.deliveryState).toBe('delivered');
    // Out of order: a late "sent" does not move it back.
    await notify.stack.app.request('/webhooks/twilio/status', signedForm('/webhooks/twilio/status', { ...params, MessageStatus: 'sent' }));
    expect((await notify.stack.repos.notifications.find(sms!.key))?.deliveryState).toBe('delivered');
  }, 120_000);

  it('honours an inbound STOP at once: the next SMS is skipped with why, the e-mail still goes; START opts back in', async () => {
    const code = uniqueName('STOP');
    const phone = newPhone();
    const email = `${code.toLowerCase()}@example.com`;
    // The customer exists once the first order is placed; STOP arrives before the parcel is delivered.
    const order = await placeSimulatorOrder(notify.stack, code, { prepare: (tn) => sim.manualShipment(tn), overrides: { customer: { email, phone }, notifications: { channels: ['email', 'sms'], triggers: ['delivered'] } } });
    const stop = await notify.stack.app.request('/webhooks/twilio/inbound', signedForm('/webhooks/twilio/inbound', { MessageSid: 'SMin1', From: phone, To: '+15005550006', Body: 'STOP' }));
    expect(stop.status).toBe(204);
    await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: new Date().toISOString(), eventId: `${code}-dl` });
    await notify.stack.services.shipmentActions.pollNow(code);
    const log = await eventually(() => notify.stack.repos.notifications.listForOrder(code), (l) => ended(l, 2), 60_000);
    expect(log.find((r) => r.channel === 'sms')).toMatchObject({ status: 'skipped', reason: 'customer opted out of SMS (STOP)' });
    expect(log.find((r) => r.channel === 'email')).toMatchObject({ status: 'sent' });
    expect(notify.twilio.store.messages.filter((m) => m.to === phone && m.direction === 'outbound-api')).toHaveLength(0);
    const settings = await readJson(await notify.stack.app.request(`/api/v1/orders/${code}/notifications`, { headers: storefrontHeaders() }));
    expect(settings.optedOut).toEqual(['sms']);

    const start = await notify.stack.app.request('/webhooks/twilio/inbound', signedForm('/webhooks/twilio/inbound', { MessageSid: 'SMin2', From: phone, To: '+15005550006', Body: 'START' }));
    expect(start.status).toBe(204);
    const after = await readJson(await notify.stack.app.request(`/api/v1/orders/${code}/notifications`, { headers: storefrontHeaders() }));
    expect(after.optedOut).toEqual([]);
  }, 120_000);

  it('unsubscribes by one-click POST to the e-mail\'s List-Unsubscribe link; later e-mails are skipped; a forged token is 404', async () => {
    const code = uniqueName('UNS');
    const email = `${code.toLowerCase()}@example.com`;
    await placeAndDeliver(code, { email }, { channels: ['email'], triggers: ['delivered'] });
    await eventually(() => notify.stack.repos.notifications.listForOrder(code), (l) => ended(l, 1), 60_000);
    const mail = notify.smtp.mails.find((m) => m.envelopeTo.includes(email))!;
    // The same signed link is in the List-Unsubscribe header and in the text's footer.
    const link = /https:\/\/tracking\.test\/unsubscribe\/[A-Za-z0-9_.-]+/.exec(mail.parsed.text ?? '')![0];
    expect(mail.raw.replace(/\r?\n[ \t]+/g, '')).toMatch(/^List-Unsubscribe: ?<https:\/\/tracking\.test\/unsubscribe\//m);
    expect(mail.raw.replace(/\r?\n[ \t]+/g, '')).toContain(`<${link}>`);
    expect(link.startsWith(`${BASE}/unsubscribe/`)).toBe(true);
    const path = link.slice(BASE.length);

    const page = await notify.stack.app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const oneClick = await notify.stack.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect((await notify.stack.app.request(`${path.slice(0, -3)}xyz`, { method: 'POST' })).status).toBe(404);

    const second = uniqueName('UNS2');
    await placeAndDeliver(second, { email }, { channels: ['email'], triggers: ['delivered'] });
    const [record] = await eventually(() => notify.stack.repos.notifications.listForOrder(second), (l) => ended(l, 1), 60_000);
    expect(record).toMatchObject({ status: 'skipped', reason: 'customer unsubscribed from email' });
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
  }, 120_000);

  it('fails over to e-mail when the SMS of "delivered" fails permanently; the log shows both attempts', async () => {
    const code = uniqueName('FO');
    const email = `${code.toLowerCase()}@example.com`;
    // Twilio's magic number for "invalid To" (error 21211): permanent.
    await placeAndDeliver(code, { email, phone: '+15005550001' }, { channels: ['sms'], triggers: ['delivered'] });
    const log = await eventually(() => notify.stack.repos.notifications.listForOrder(code), (l) => ended(l, 2), 60_000);
    expect(log.find((r) => r.channel === 'sms')).toMatchObject({ key: `notify:${code}:delivered:sms`, status: 'failed' });
    expect(log.find((r) => r.channel === 'sms')!.error).toMatch(/invalid_recipient/);
    expect(log.find((r) => r.channel === 'email')).toMatchObject({ key: `notify:${code}:delivered:email`, status: 'sent', failoverOf: `notify:${code}:delivered:sms` });
    expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(email))).toHaveLength(1);
  }, 120_000);

  it('validates preferences: an unknown time zone and quiet hours without a zone are 400; good ones are stored', async () => {
    const code = uniqueName('PREF');
    await placeSimulatorOrder(notify.stack, code, { prepare: (tn) => sim.manualShipment(tn) });
    await settledOrder(notify.stack.repos.orders, code);
    const put = (body: unknown) => notify.stack.app.request(`/api/v1/orders/${code}/notifications`, { method: 'PUT', headers: storefrontHeaders(), body: JSON.stringify(body) });
    expect((await put({ channels: ['email'], timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await put({ channels: ['email'], quietHours: { start: '22:00', end: '08:00' } })).status).toBe(400);
    expect((await put({ channels: ['email'], timeZone: 'America/New_York', quietHours: { start: '22:00', end: '25:00' } })).status).toBe(400);
    expect((await put({ channels: ['email'], language: 'tr', timeZone: 'Europe/Istanbul', quietHours: { start: '22:00', end: '08:00' } })).status).toBe(200);
    const settings = await readJson(await notify.stack.app.request(`/api/v1/orders/${code}/notifications`, { headers: storefrontHeaders() }));
    expect(settings.preferences).toMatchObject({ channels: ['email'], language: 'tr', timeZone: 'Europe/Istanbul', quietHours: { start: '22:00', end: '08:00' } });
  }, 60_000);
});
