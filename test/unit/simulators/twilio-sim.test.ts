import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { createTwilioSimApp, type TwilioSim } from '../../../src/simulators/twilio/create-twilio-sim-app.js';
import { parseTwilioSimConfig } from '../../../src/simulators/twilio/twilio-sim-config.js';

const SID = `AC${'d4'.repeat(16)}`;
const TOKEN = 'sim-token-123';
const auth = (user = SID, pass = TOKEN) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const messagesPath = `/2010-04-01/Accounts/${SID}/Messages.json`;

let sim: TwilioSim | undefined;
afterEach(async () => {
  await sim?.store.close();
  sim = undefined;
});

function create(form: Record<string, string>, authorization = auth()) {
  return sim!.app.request(messagesPath, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

describe('Twilio-compatible simulator: REST behaviour', () => {
  it('answers 201 with a Twilio message resource', async () => {
    sim = createTwilioSimApp({ accountSid: SID, authToken: TOKEN, stepDelayMs: 60_000 });
    const response = await create({ To: '+905321234567', From: '+15005550006', Body: 'Merhaba' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ account_sid: SID, api_version: '2010-04-01', to: '+905321234567', from: '+15005550006', body: 'Merhaba', status: 'queued', direction: 'outbound-api', num_segments: '1', error_code: null });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(body.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(body.uri).toBe(`/2010-04-01/Accounts/${SID}/Messages/${String(body.sid)}.json`);
  });

  it('answers Twilio errors: 20003 for bad credentials or another account, 2160x for missing fields, 21211 for a bad number', async () => {
    sim = createTwilioSimApp({ accountSid: SID, authToken: TOKEN });
    const cases: [Response | Promise<Response>, number, number][] = [
      [create({ To: '+905321234567', From: '+1', Body: 'x' }, auth(SID, 'wrong')), 401, 20003],
      [create({ To: '+905321234567', From: '+1', Body: 'x' }, 'Bearer x'), 401, 20003],
      [create({ From: '+15005550006', Body: 'x' }), 400, 21604],
      [create({ To: '+905321234567', Body: 'x' }), 400, 21603],
      [create({ To: '+905321234567', From: '+15005550006' }), 400, 21602],
      [create({ To: '+905321234567', From: '+15005550006', Body: 'x'.repeat(1601) }), 400, 21617],
      [create({ To: '12345', From: '+15005550006', Body: 'x' }), 400, 21211],
      [create({ To: '+15005550001', From: '+15005550006', Body: 'x' }), 400, 21211],
      [create({ To: '+15005550004', From: '+15005550006', Body: 'x' }), 400, 21610],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ code, status, more_info: `https://www.twilio.com/docs/errors/${code}` });
    }
    const other = await sim.app.request(`/2010-04-01/Accounts/AC${'e5'.repeat(16)}/Messages.json`, { headers: { authorization: auth() } });
    expect(other.status).toBe(401);
  });

  it('walks a message to delivered and lists the SMS on its page, escaped', async () => {
    const walking = createTwilioSimApp({ accountSid: SID, authToken: TOKEN, stepDelayMs: 5 });
    sim = walking;
    const created = (await (await create({ To: '+905321234567', From: '+15005550006', Body: '<b>Kargo</b>' })).json()) as { sid: string };
    // Each step takes 5 ms on an idle machine; on busy cores the walk may take longer, so wait for it.
    const fetch = async () => (await (await walking.app.request(`/2010-04-01/Accounts/${SID}/Messages/${created.sid}.json`, { headers: { authorization: auth() } })).json()) as { status: string };
    expect(await eventually(fetch, (m) => m.status === 'delivered', 10_000, 20)).toMatchObject({ status: 'delivered' });
    const page = await (await sim.app.request('/')).text();
    expect(page).toContain('+905321234567');
    expect(page).toContain('&lt;b&gt;Kargo&lt;/b&gt;');
    expect(page).toContain('delivered');
    const missing = await sim.app.request(`/2010-04-01/Accounts/${SID}/Messages/SM${'0'.repeat(32)}.json`, { headers: { authorization: auth() } });
    expect(missing.status).toBe(404);
  });

  it('refuses an inbound message without an E.164 sender', async () => {
    sim = createTwilioSimApp({ accountSid: SID, authToken: TOKEN });
    const response = await sim.app.request('/sim/inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ From: '0532', Body: 'STOP' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_inbound' } });
  });
});

describe('Twilio simulator config', () => {
  it('reads its environment, including delivery failures', () => {
    expect(
      parseTwilioSimConfig({
        TWILIO_SIM_ACCOUNT_SID: SID,
        TWILIO_SIM_AUTH_TOKEN: TOKEN,
        TWILIO_SIM_INBOUND_WEBHOOK_URL: 'http://127.0.0.1:3000/webhooks/twilio/inbound',
        TWILIO_SIM_DELIVERY_FAILURES: '+15005550100=undelivered:30003, +15005550101=failed:30006',
      }),
    ).toEqual({
      port: 4020,
      host: '127.0.0.1',
      accountSid: SID,
      authToken: TOKEN,
      phoneNumber: '+15005550006',
      stepDelayMs: 300,
      inboundWebhookUrl: 'http://127.0.0.1:3000/webhooks/twilio/inbound',
      deliveryFailures: { '+15005550100': { status: 'undelivered', errorCode: 30003 }, '+15005550101': { status: 'failed', errorCode: 30006 } },
    });
  });

  it('says what is wrong', () => {
    expect(() => parseTwilioSimConfig({ TWILIO_SIM_ACCOUNT_SID: 'nope', TWILIO_SIM_AUTH_TOKEN: TOKEN })).toThrow(/TWILIO_SIM_ACCOUNT_SID/);
    expect(() => parseTwilioSimConfig({ TWILIO_SIM_ACCOUNT_SID: SID, TWILIO_SIM_AUTH_TOKEN: TOKEN, TWILIO_SIM_DELIVERY_FAILURES: 'x' })).toThrow(/undelivered\|failed/);
  });
});
