import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/embedded/free-port.js';
import type { SmtpConfig } from '../../../src/notifications/email/smtp-config.js';
import { createSmtpTransport } from '../../../src/notifications/email/smtp-transport.js';
import { createOperatorAlertSender } from '../../../src/notifications/operators/operator-alerts.js';
import type { StallAlert } from '../../../src/notifications/templates/operator-alerts.js';
import { startLocalHttpServer, type LocalHttpServer } from '../../support/local-http-server.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';

const stall: StallAlert = {
  kind: 'stall',
  orderCode: 'ST-9',
  carrierName: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  lastProgressAt: '2026-12-01T08:00:00.000Z',
  at: '2026-12-04T08:00:00.000Z',
  adminUrl: 'https://track.acme.test/admin/orders/ST-9',
};

describe('operator alerts to the ops e-mail list (real SMTP) and a Slack-compatible webhook', () => {
  let smtp: SmtpCapture;
  let chat: LocalHttpServer;
  let chatStatus = 200;
  let smtpConfig: SmtpConfig;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    chat = await startLocalHttpServer(() => ({ status: chatStatus, body: chatStatus === 200 ? 'ok' : 'no_service' }));
    smtpConfig = { host: smtp.host, port: smtp.port, secure: false, requireTls: false, tlsRejectUnauthorized: true, from: 'Tracking <alerts@acme.test>', messageIdDomain: 'acme.test' };
  });
  afterAll(async () => {
    await smtp?.close();
    await chat?.close();
  });

  it('sends a stall alert and its resolution to both targets', async () => {
    const transport = createSmtpTransport(smtpConfig);
    const sender = createOperatorAlertSender(
      { emails: ['ops@acme.test', 'oncall@acme.test'], webhookUrl: `${chat.url}/services/T000/B000/secret` },
      { config: smtpConfig, transport },
    );
    try {
      const result = await sender.send('ops:stall:ST-9:1', stall);
      expect(result.email).toMatchObject({ ok: true });
      expect(result.chat).toEqual({ ok: true });
      const mail = smtp.mails.at(-1)!;
      expect(mail.envelopeTo).toEqual(['ops@acme.test', 'oncall@acme.test']);
      expect(mail.parsed.subject).toBe('[order-tracking] Stalled: order ST-9 (UPS) has not moved for 72 h');
      expect(mail.parsed.text).toContain('Last progress: 2026-12-01T08:00:00.000Z');
      expect(mail.parsed.text).toContain('https://track.acme.test/admin/orders/ST-9');
      const post = chat.requests.at(-1)!;
      expect(post.method).toBe('POST');
      expect(post.path).toBe('/services/T000/B000/secret');
      expect(post.headers['content-type']).toBe('application/json');
      expect(JSON.parse(post.body)).toEqual({
        text: ':warning: *Stalled* order ST-9 (UPS 1Z999AA10123456784): no progress for 72 h <https://track.acme.test/admin/orders/ST-9|open>',
      });

      await sender.send('ops:stall:ST-9:1:resolved', { kind: 'resolved', episode: 'stall', subject: 'ST-9', since: stall.at, at: '2026-12-04T20:00:00.000Z' });
      expect(smtp.mails.at(-1)!.parsed.subject).toBe('[order-tracking] Resolved: order ST-9 is moving again (after 12 h)');
      expect((JSON.parse(chat.requests.at(-1)!.body) as { text: string }).text).toContain('*Resolved*: order ST-9 is moving again after 12 h');
    } finally {
      transport.close();
    }
  });

  it('reports each target on its own: a refused webhook is permanent, a dead one transient, e-mail still sent', async () => {
    const transport = createSmtpTransport(smtpConfig);
    try {
      chatStatus = 404;
      const refused = await createOperatorAlertSender({ emails: ['ops@acme.test'], webhookUrl: `${chat.url}/hook` }, { config: smtpConfig, transport }).send('k', {
        kind: 'poll_failures',
        carrierName: 'FedEx',
        consecutiveFailures: 5,
        since: '2026-12-04T07:00:00.000Z',
        lastError: 'carrier_unavailable: 503',
        at: '2026-12-04T08:00:00.000Z',
      });
      expect(refused.email).toMatchObject({ ok: true });
      expect(refused.chat).toMatchObject({ ok: false, error: { kind: 'permanent', providerCode: 404 } });
      chatStatus = 503;
      const unavailable = await createOperatorAlertSender({ emails: [], webhookUrl: `${chat.url}/hook` }).send('k', stall);
      expect(unavailable).toEqual({ chat: { ok: false, error: expect.objectContaining({ kind: 'transient', reason: 'provider_unavailable' }) } });
      const dead = await createOperatorAlertSender({ emails: [], webhookUrl: `http://127.0.0.1:${await freePort()}/hook` }).send('k', stall);
      expect(dead.chat).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'network' } });
    } finally {
      chatStatus = 200;
      transport.close();
    }
  });
});
