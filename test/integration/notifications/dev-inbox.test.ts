import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../../src/notifications/email/email-channel.js';
import { createSmsChannel } from '../../../src/notifications/sms/sms-channel.js';
import { renderEmail } from '../../../src/notifications/templates/index.js';
import { createDevInboxApp } from '../../../src/simulators/dev-inbox/create-dev-inbox-app.js';
import { startMailpit, type RunningMailpit } from '../../../src/simulators/smtp/start-mailpit.js';
import { startTwilioSim, type RunningTwilioSim } from '../../../src/simulators/twilio/start-twilio-sim.js';

const SID = `AC${'c3'.repeat(16)}`;
const TOKEN = 'dev-inbox-test-token';

describe('the dev inbox page lists what Mailpit and the Twilio simulator received', () => {
  let mailpit: RunningMailpit;
  let twilio: RunningTwilioSim;

  beforeAll(async () => {
    [mailpit, twilio] = await Promise.all([startMailpit(), startTwilioSim({ accountSid: SID, authToken: TOKEN, stepDelayMs: 10 })]);
  });
  afterAll(async () => {
    await Promise.all([mailpit?.stop(), twilio?.stop()]);
  });

  it('shows each e-mail (subject, recipient, HTML body in a sandboxed frame) and each SMS', async () => {
    const email = createEmailChannel({ host: mailpit.smtpHost, port: mailpit.smtpPort, secure: false, requireTls: false, tlsRejectUnauthorized: true, from: 'Demo Shop <orders@demo.test>', messageIdDomain: 'demo.test' });
    const sms = createSmsChannel({ accountSid: SID, authToken: TOKEN, from: '+15005550006', apiBaseUrl: twilio.url });
    try {
      const content = renderEmail({ kind: 'delivered', language: 'en', shopName: 'Demo Shop', orderCode: 'INBOX-1', trackingPageUrl: 'http://localhost:3000/t/x', unsubscribeUrl: 'http://localhost:3000/unsubscribe/x' });
      await email.send({ key: 'notify:INBOX-1:delivered:email', to: 'ayse@demo.test', content, unsubscribeUrl: 'http://localhost:3000/unsubscribe/x' });
      await sms.send({ key: 'notify:INBOX-1:delivered:sms', to: '+905321234567', body: 'INBOX-1 delivered' });
    } finally {
      email.close();
    }
    const app = createDevInboxApp({ mailpitUrl: mailpit.webUrl, twilio: { url: twilio.url, accountSid: SID, authToken: TOKEN } });
    const page = await (await app.request('/')).text();
    expect(page).toContain(deliveredSubject());
    expect(page).toContain('ayse@demo.test');
    expect(page).toContain('INBOX-1 delivered');
    expect(page).toContain('→ +905321234567');
    const frame = /<iframe sandbox src="(\/mail\/[^"]+)"/.exec(page)![1]!;
    const body = await app.request(frame);
    expect(body.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(await body.text()).toContain('INBOX-1');
  }, 60_000);
});

function deliveredSubject(): string {
  return renderEmail({ kind: 'delivered', language: 'en', shopName: 'Demo Shop', orderCode: 'INBOX-1', trackingPageUrl: 'http://localhost:3000/t/x', unsubscribeUrl: 'http://localhost:3000/unsubscribe/x' }).subject;
}
