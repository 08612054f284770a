import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createChannelRegistry, notificationConfigFromEnv, notificationEnvShape } from '../../../src/notifications/all.js';
import { ChannelConfigError } from '../../../src/notifications/env-fields.js';

const schema = z.object(notificationEnvShape);
const read = (env: Record<string, string>, publicBaseUrl?: string) =>
  notificationConfigFromEnv(schema.parse(env), publicBaseUrl ? { publicBaseUrl } : {});

const VAPID_PUBLIC = Buffer.alloc(65, 4).toString('base64url');
const VAPID_PRIVATE = Buffer.alloc(32, 7).toString('base64url');
const SID = `AC${'0f'.repeat(16)}`;

describe('notification config from env', () => {
  it('turns every channel off when nothing is set', () => {
    expect(read({})).toEqual({ channels: {} });
    expect(createChannelRegistry({}).available).toEqual([]);
  });

  it('reads SMTP with secure derived from the port, auth, and the Message-ID domain from the From address', () => {
    const config = read({ SMTP_HOST: 'smtp.acme.test', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_FROM: 'Acme <orders@acme.test>' });
    expect(config.channels.email).toEqual({
      host: 'smtp.acme.test',
      port: 465,
      secure: true,
      requireTls: false,
      tlsRejectUnauthorized: true,
      auth: { user: 'u', pass: 'p' },
      from: 'Acme <orders@acme.test>',
      messageIdDomain: 'acme.test',
    });
    expect(read({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.test' }).channels.email).toMatchObject({ port: 587, secure: false });
    expect(read({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.test', SMTP_SECURE: 'true', SMTP_PORT: '2525' }).channels.email?.secure).toBe(true);
  });

  it('builds the Twilio status callback from the public base URL unless set', () => {
    const env = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+15005550006', SMS_DEFAULT_REGION: 'tr' };
    expect(read(env, 'https://track.acme.test/').channels.sms).toEqual({
      accountSid: SID,
      authToken: 'tok',
      from: '+15005550006',
      statusCallbackUrl: 'https://track.acme.test/webhooks/twilio/status',
      defaultRegion: 'TR',
    });
    expect(read({ ...env, TWILIO_STATUS_CALLBACK_URL: 'https://hooks.acme.test/s', TWILIO_API_BASE_URL: 'http://127.0.0.1:4020' }).channels.sms).toMatchObject({
      statusCallbackUrl: 'https://hooks.acme.test/s',
      apiBaseUrl: 'http://127.0.0.1:4020',
    });
  });

  it('reads VAPID keys and operator targets', () => {
    const config = read({
      VAPID_PUBLIC_KEY: VAPID_PUBLIC,
      VAPID_PRIVATE_KEY: VAPID_PRIVATE,
      VAPID_SUBJECT: 'mailto:ops@acme.test',
      SMTP_HOST: 'h',
      SMTP_FROM: 'a@acme.test',
      OPS_ALERT_EMAILS: 'ops@acme.test, oncall@acme.test',
      OPS_ALERT_WEBHOOK_URL: 'https://hooks.slack.test/services/x',
    });
    expect(config.channels.push).toEqual({ publicKey: VAPID_PUBLIC, privateKey: VAPID_PRIVATE, subject: 'mailto:ops@acme.test' });
    expect(config.operators).toEqual({ emails: ['ops@acme.test', 'oncall@acme.test'], webhookUrl: 'https://hooks.slack.test/services/x' });
    expect(createChannelRegistry(config.channels).available).toEqual(['email', 'push']);
  });

  it('names the variable when a channel is half configured', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SMTP_HOST: 'h' }, /SMTP_FROM/],
      [{ SMTP_HOST: 'h', SMTP_FROM: 'a@b.test', SMTP_USER: 'u' }, /SMTP_PASSWORD/],
      [{ TWILIO_ACCOUNT_SID: SID }, /TWILIO_AUTH_TOKEN/],
      [{ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't' }, /TWILIO_FROM/],
      [{ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+1', SMS_DEFAULT_REGION: 'XX' }, /SMS_DEFAULT_REGION/],
      [{ VAPID_PUBLIC_KEY: VAPID_PUBLIC }, /VAPID_PRIVATE_KEY/],
      [{ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: VAPID_PRIVATE, VAPID_SUBJECT: 'mailto:a@b.test' }, /VAPID_PUBLIC_KEY/],
      [{ VAPID_PUBLIC_KEY: VAPID_PUBLIC, VAPID_PRIVATE_KEY: VAPID_PRIVATE, VAPID_SUBJECT: 'ops' }, /VAPID_SUBJECT/],
      [{ OPS_ALERT_EMAILS: 'ops@acme.test' }, /SMTP_HOST/],
    ];
    for (const [env, message] of cases) {
      expect(() => read(env)).toThrow(ChannelConfigError);
      expect(() => read(env)).toThrow(message);
    }
  });

  it('rejects malformed values at parse time', () => {
    expect(schema.safeParse({ TWILIO_ACCOUNT_SID: 'SK123' }).success).toBe(false);
    expect(schema.safeParse({ OPS_ALERT_EMAILS: 'not-an-address' }).success).toBe(false);
    expect(schema.safeParse({ SMTP_PORT: '70000' }).success).toBe(false);
    expect(schema.safeParse({ OPS_ALERT_WEBHOOK_URL: 'nope' }).success).toBe(false);
  });
});
