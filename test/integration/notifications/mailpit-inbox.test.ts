import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel } from '../../../src/notifications/email/email-channel.js';
import { renderEmail } from '../../../src/notifications/templates/index.js';
import { startMailpit, type RunningMailpit } from '../../../src/simulators/smtp/start-mailpit.js';

interface MailpitList {
  messages: { ID: string; MessageID: string; Subject: string; To: { Address: string }[] }[];
}

describe('the dev inbox: Mailpit built by the install script receives what the email channel sends', () => {
  let mailpit: RunningMailpit;

  beforeAll(async () => {
    mailpit = await startMailpit();
  });
  afterAll(async () => {
    await mailpit?.stop();
  });

  it('shows the message with its Message-ID and unsubscribe headers through its API', async () => {
    const channel = createEmailChannel({
      host: mailpit.smtpHost,
      port: mailpit.smtpPort,
      secure: false,
      requireTls: false,
      tlsRejectUnauthorized: true,
      auth: { user: 'dev', pass: 'dev' },
      from: 'Demo Shop <orders@demo.test>',
      messageIdDomain: 'demo.test',
    });
    try {
      const content = renderEmail({
        kind: 'shipped',
        language: 'en',
        shopName: 'Demo Shop',
        orderCode: 'DEMO-1',
        trackingPageUrl: 'http://localhost:3000/t/demo',
        unsubscribeUrl: 'http://localhost:3000/unsubscribe/demo',
      });
      const receipt = await channel.send({ key: 'notify:DEMO-1:shipped:email', to: 'customer@demo.test', content, unsubscribeUrl: 'http://localhost:3000/unsubscribe/demo' });
      const list = (await (await fetch(`${mailpit.webUrl}/api/v1/messages`)).json()) as MailpitList;
      const found = list.messages.find((m) => `<${m.MessageID}>` === receipt.providerMessageId);
      expect(found).toMatchObject({ Subject: 'Your order DEMO-1 has shipped', To: [{ Address: 'customer@demo.test' }] });
      const headers = (await (await fetch(`${mailpit.webUrl}/api/v1/message/${found!.ID}/headers`)).json()) as Record<string, string[]>;
      expect(headers['List-Unsubscribe']).toEqual(['<http://localhost:3000/unsubscribe/demo>']);
      expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    } finally {
      channel.close();
    }
  });
});
