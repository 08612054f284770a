import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/embedded/free-port.js';
import { isNotificationSendError, type NotificationSendError } from '../../../src/notifications/send-error.js';
import { parseStatusCallback } from '../../../src/notifications/sms/delivery-state.js';
import { createSmsChannel } from '../../../src/notifications/sms/sms-channel.js';
import { createTwilioClient } from '../../../src/notifications/sms/twilio-client.js';
import type { TwilioConfig } from '../../../src/notifications/sms/twilio-config.js';
import { formParams, parseInboundSms, verifyTwilioSignature } from '../../../src/notifications/sms/twilio-webhooks.js';
import { renderSms } from '../../../src/notifications/templates/index.js';
import { startTwilioSim, type RunningTwilioSim } from '../../../src/simulators/twilio/start-twilio-sim.js';
import { eventually } from '../../support/eventually.js';
import { startLocalHttpServer, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const AUTH_TOKEN = 'local-twilio-auth-token';
const CUSTOMER = '+905321234567';
const UNDELIVERABLE = '+905321119999';

async function failure(promise: Promise<unknown>): Promise<NotificationSendError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isNotificationSendError(error)) throw new Error(`expected a NotificationSendError, got ${String(error)}`);
  return error;
}

describe('SMS through the real twilio SDK against the local Twilio-compatible server', () => {
  let receiver: LocalHttpServer;
  let sim: RunningTwilioSim;
  let config: TwilioConfig;
  const statusUrl = () => `${receiver.url}/webhooks/twilio/status`;
  const inboundUrl = () => `${receiver.url}/webhooks/twilio/inbound`;
  const webhook = (r: RecordedRequest) => ({ url: `${receiver.url}${r.url}`, params: formParams(r.body), signature: r.headers['x-twilio-signature'] as string | undefined });

  beforeAll(async () => {
    receiver = await startLocalHttpServer(() => ({ status: 204 }));
    sim = await startTwilioSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      phoneNumber: '+15005550006',
      stepDelayMs: 20,
      inboundWebhookUrl: inboundUrl(),
      rejectNumbers: { '+905321110000': 21211, '+905321110001': 21614 },
      deliveryFailures: { [UNDELIVERABLE]: { status: 'undelivered', errorCode: 30003 } },
    });
    config = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+15005550006', apiBaseUrl: sim.url, statusCallbackUrl: statusUrl(), defaultRegion: 'TR' };
  });
  afterAll(async () => {
    await sim?.stop();
    await receiver?.close();
  });

  it('sends to the customer, and the delivery states come back signed to the status callback', async () => {
    const body = renderSms({
      kind: 'out_for_delivery',
      language: 'tr',
      shopName: 'Acme',
      orderCode: 'TR-77',
      trackingPageUrl: 'https://track.acme.test/t/abc',
      unsubscribeUrl: 'https://track.acme.test/u/abc',
    }).body;
    // A national number is read in the configured region (TR) and sent as E.164.
    const receipt = await createSmsChannel(config).send({ key: 'notify:TR-77:out_for_delivery:sms', to: '0532 123 45 67', body });
    expect(receipt.state).toBe('queued');
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);

    const fetched = await createTwilioClient(config).messages(receipt.providerMessageId).fetch();
    expect(fetched.to).toBe(CUSTOMER);
    expect(fetched.from).toBe('+15005550006');
    expect(fetched.body).toBe(body);
    expect(fetched.numSegments).toBe('1');

    const callbacks = await eventually(
      async () => receiver.requests.filter((r) => r.path === '/webhooks/twilio/status' && formParams(r.body).MessageSid === receipt.providerMessageId),
      (list) => list.length >= 2,
    );
    expect(callbacks.map((r) => formParams(r.body).MessageStatus)).toEqual(['sent', 'delivered']);
    for (const request of callbacks) {
      expect(verifyTwilioSignature(AUTH_TOKEN, webhook(request))).toBe(true);
      expect(request.headers['i-twilio-idempotency-token']).toBeTruthy();
    }
    const delivered = callbacks[1]!;
    expect(parseStatusCallback(formParams(delivered.body))).toEqual({ messageSid: receipt.providerMessageId, state: 'delivered' });

    // A forged or altered callback does not verify.
    const altered = { ...webhook(delivered), params: { ...formParams(delivered.body), MessageStatus: 'failed' } };
    expect(verifyTwilioSignature(AUTH_TOKEN, altered)).toBe(false);
    expect(verifyTwilioSignature('another-token', webhook(delivered))).toBe(false);
    expect(verifyTwilioSignature(AUTH_TOKEN, { ...webhook(delivered), signature: undefined })).toBe(false);
    expect(verifyTwilioSignature(AUTH_TOKEN, { ...webhook(delivered), url: `${statusUrl()}?x=1` })).toBe(false);
  });

  it('reports a number Twilio cannot deliver to through the undelivered callback with a permanent reason', async () => {
    const receipt = await createSmsChannel(config).send({ key: 'k-undelivered', to: UNDELIVERABLE, body: 'hello' });
    const last = await eventually(
      async () => receiver.requests.filter((r) => formParams(r.body).MessageSid === receipt.providerMessageId).at(-1),
      (r) => r !== undefined && formParams(r.body).MessageStatus === 'undelivered',
    );
    const update = parseStatusCallback(formParams(last!.body));
    expect(update).toMatchObject({ state: 'undelivered', errorCode: 30003 });
    expect(update?.failure).toMatchObject({ kind: 'permanent', reason: 'invalid_recipient' });
  });

  it('refuses an invalid number before calling Twilio, and maps Twilio 21211/21614 to permanent invalid_recipient', async () => {
    const before = sim.store.messages.length;
    const local = await failure(createSmsChannel(config).send({ key: 'k1', to: '+90 12345', body: 'x' }));
    expect(local).toMatchObject({ kind: 'permanent', reason: 'invalid_recipient' });
    expect(local.message).toContain('***345'); // the number is PII: only its end reaches a log
    expect(sim.store.messages.length).toBe(before);

    for (const [to, code] of [['+905321110000', 21211], ['+905321110001', 21614]] as const) {
      const error = await failure(createSmsChannel(config).send({ key: 'k2', to, body: 'x' }));
      expect(error).toMatchObject({ kind: 'permanent', reason: 'invalid_recipient', providerCode: code });
    }
  });

  it('honours STOP: the inbound message reaches our webhook signed, and Twilio refuses further sends (21610) until START', async () => {
    const number = '+905329876543';
    const channel = createSmsChannel(config);
    await channel.send({ key: 'k-before-stop', to: number, body: 'first' });

    const stop = await fetch(`${sim.url}/sim/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ From: number, Body: 'stop' }),
    });
    expect(stop.status).toBe(201);
    expect(await stop.json()).toMatchObject({ webhookStatus: 204 });
    const inbound = receiver.requests.filter((r) => r.path === '/webhooks/twilio/inbound').at(-1)!;
    expect(verifyTwilioSignature(AUTH_TOKEN, webhook(inbound))).toBe(true);
    expect(parseInboundSms(formParams(inbound.body))).toMatchObject({ from: number, to: '+15005550006', action: 'opt_out' });

    const refused = await failure(channel.send({ key: 'k-after-stop', to: number, body: 'second' }));
    expect(refused).toMatchObject({ kind: 'permanent', reason: 'unsubscribed', providerCode: 21610 });

    await fetch(`${sim.url}/sim/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ From: number, Body: 'START' }) });
    const restart = receiver.requests.filter((r) => r.path === '/webhooks/twilio/inbound').at(-1)!;
    expect(parseInboundSms(formParams(restart.body))?.action).toBe('opt_in');
    await expect(channel.send({ key: 'k-after-start', to: number, body: 'third' })).resolves.toMatchObject({ state: 'queued' });
  });

  it('sends from a Messaging Service and lists messages through the SDK across pages', async () => {
    const number = '+905321230000';
    const channel = createSmsChannel({ ...config, from: `MG${'b2'.repeat(16)}` });
    for (const n of [1, 2, 3]) await channel.send({ key: `k-list-${n}`, to: number, body: `message ${n}` });
    const listed = await createTwilioClient(config).messages.list({ to: number, pageSize: 2 });
    expect(listed.map((m) => m.body)).toEqual(['message 3', 'message 2', 'message 1']);
    expect(listed.every((m) => m.messagingServiceSid === `MG${'b2'.repeat(16)}`)).toBe(true);
  });

  it('treats refused credentials and an unreachable server as transient', async () => {
    const badAuth = await failure(createSmsChannel({ ...config, authToken: 'wrong-token' }).send({ key: 'k', to: CUSTOMER, body: 'x' }));
    expect(badAuth).toMatchObject({ kind: 'transient', reason: 'provider_auth', providerCode: 20003 });
    const down = await failure(createSmsChannel({ ...config, apiBaseUrl: `http://127.0.0.1:${await freePort()}` }).send({ key: 'k', to: CUSTOMER, body: 'x' }));
    expect(down).toMatchObject({ kind: 'transient', reason: 'network' });
  });
});
