import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, type EmailChannel } from '../../../src/notifications/email/email-channel.js';
import { messageIdFor } from '../../../src/notifications/email/message-id.js';
import type { SmtpConfig } from '../../../src/notifications/email/smtp-config.js';
import { isNotificationSendError, type NotificationSendError } from '../../../src/notifications/send-error.js';
import { renderEmail, type CustomerMessageContext } from '../../../src/notifications/templates/index.js';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../../support/smtp-capture.js';
import { freePort } from '../../../src/embedded/free-port.js';

const context: CustomerMessageContext = {
  kind: 'delivered',
  language: 'tr',
  shopName: 'Acme Mağaza',
  orderCode: 'TR-1001',
  carrier: { name: 'DHL', trackingNumber: '7777777770', trackingUrl: 'https://www.dhl.com/track?id=7777777770' },
  trackingPageUrl: 'https://track.acme.test/t/tok123',
  unsubscribeUrl: 'https://track.acme.test/unsubscribe/un456',
};

function config(capture: { host: string; port: number }, over: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: capture.host,
    port: capture.port,
    secure: false,
    requireTls: false,
    tlsRejectUnauthorized: true,
    from: 'Acme Mağaza <orders@acme.test>',
    messageIdDomain: 'acme.test',
    unsubscribeMailbox: 'unsubscribe@acme.test',
    auth: { user: 'mailer', pass: 'secret' },
    ...over,
  };
}

async function failure(promise: Promise<unknown>): Promise<NotificationSendError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isNotificationSendError(error)) throw new Error(`expected a NotificationSendError, got ${String(error)}`);
  return error;
}

/** A header as sent (unfolded), from mailparser's raw header lines (it parses List-* into objects). */
function headerValue(mail: CapturedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name)?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

describe('email channel over real SMTP', () => {
  let smtp: SmtpCapture;
  let channel: EmailChannel;

  beforeAll(async () => {
    smtp = await startSmtpCapture({
      auth: { user: 'mailer', pass: 'secret' },
      rcptReplies: { 'gone@example.test': [550, '5.1.1 No such user'], 'later@example.test': [451, '4.7.1 Try again later'] },
    });
    channel = createEmailChannel(config(smtp));
  });
  afterAll(async () => {
    channel?.close();
    await smtp?.close();
  });

  it('sends both bodies in the customer language with a stable Message-ID and one-click unsubscribe headers', async () => {
    const key = 'notify:TR-1001:delivered:email';
    const receipt = await channel.send({ key, to: 'ayse@example.test', content: renderEmail(context), unsubscribeUrl: context.unsubscribeUrl, language: 'tr' });
    expect(receipt).toEqual({ providerMessageId: messageIdFor(key, 'acme.test'), state: 'sent' });
    expect(receipt.providerMessageId).toMatch(/^<[0-9a-f]{64}@acme\.test>$/);

    const mail = smtp.mails.at(-1)!;
    expect(mail.envelopeTo).toEqual(['ayse@example.test']);
    expect(mail.envelopeFrom).toBe('orders@acme.test');
    const parsed = mail.parsed;
    expect(parsed.messageId).toBe(receipt.providerMessageId);
    expect(parsed.subject).toBe('TR-1001 numaralı siparişiniz teslim edildi');
    expect(parsed.from?.text).toContain('Acme Mağaza');
    expect(headerValue(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = headerValue(mail, 'list-unsubscribe');
    expect(listUnsubscribe).toContain('<https://track.acme.test/unsubscribe/un456>');
    expect(listUnsubscribe).toContain('<mailto:unsubscribe@acme.test?subject=');
    expect(parsed.headers.get('content-language')).toBe('tr');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.text).toContain('Durum: Teslim edildi');
    expect(parsed.text).toContain('https://track.acme.test/t/tok123');
    expect(parsed.html).toContain('href="https://track.acme.test/t/tok123"');
    expect(parsed.html).toContain('href="https://www.dhl.com/track?id=7777777770"');
    expect(parsed.html).toContain('href="https://track.acme.test/unsubscribe/un456"');
    expect(parsed.html).toContain('Siparişinizi takip edin');
  });

  it('sends a retry of the same key with the same Message-ID, and another key with another', async () => {
    const send = (key: string) => channel.send({ key, to: 'a@example.test', content: renderEmail(context), unsubscribeUrl: context.unsubscribeUrl });
    const first = await send('notify:TR-1002:shipped:email');
    const retry = await send('notify:TR-1002:shipped:email');
    const other = await send('notify:TR-1002:delivered:email');
    expect(retry.providerMessageId).toBe(first.providerMessageId);
    expect(other.providerMessageId).not.toBe(first.providerMessageId);
    expect(smtp.mails.slice(-3).map((m) => m.parsed.messageId)).toEqual([first, retry, other].map((r) => r.providerMessageId));
  });

  it('reports an unknown mailbox (550 on RCPT) as a permanent hard bounce', async () => {
    const error = await failure(channel.send({ key: 'k1', to: 'gone@example.test', content: renderEmail(context), unsubscribeUrl: context.unsubscribeUrl }));
    expect(error).toMatchObject({ kind: 'permanent', reason: 'hard_bounce', providerCode: 550 });
  });

  it('reports a 4xx reply as transient', async () => {
    const error = await failure(channel.send({ key: 'k2', to: 'later@example.test', content: renderEmail(context), unsubscribeUrl: context.unsubscribeUrl }));
    expect(error).toMatchObject({ kind: 'transient', providerCode: 451 });
  });

  it('reports refused credentials as transient provider_auth and a closed port as transient network', async () => {
    const badAuth = createEmailChannel(config(smtp, { auth: { user: 'mailer', pass: 'wrong' } }));
    try {
      const error = await failure(badAuth.send({ key: 'k3', to: 'a@example.test', content: renderEmail(context), unsubscribeUrl: context.unsubscribeUrl }));
      expect(error).toMatchObject({ kind: 'transient', reason: 'provider_auth' });
    } finally {
      badAuth.close();
    }
    const closed = createEmailChannel(config({ host: '127.0.0.1', port: await freePort() }));
    try {
      const error = await failure(closed.send({ key: 'k4', to: 'a@example.test', content: renderEmail(context), unsubscribeUrl: context.unsubscribeUrl }));
      expect(error).toMatchObject({ kind: 'transient', reason: 'network' });
    } finally {
      closed.close();
    }
  });

  it('refuses a non-https unsubscribe link before talking to the server', async () => {
    const before = smtp.mails.length;
    const error = await failure(channel.send({ key: 'k5', to: 'a@example.test', content: renderEmail(context), unsubscribeUrl: 'http://evil.test/u' }));
    expect(error.kind).toBe('permanent');
    expect(smtp.mails.length).toBe(before);
  });
});
