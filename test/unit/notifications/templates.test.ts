import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TRIGGERS } from '../../../src/domain/notification-policy.js';
import {
  countSegments,
  dateInWords,
  localDate,
  renderEmail,
  renderPush,
  renderSms,
  templateLanguage,
  TEMPLATE_LANGUAGES,
  type CustomerMessageContext,
  type MessageKind,
} from '../../../src/notifications/templates/index.js';

const KINDS: MessageKind[] = [...NOTIFICATION_TRIGGERS, 'eta_changed'];

function ctx(over: Partial<CustomerMessageContext> = {}): CustomerMessageContext {
  return {
    kind: 'shipped',
    language: 'en',
    shopName: 'Acme Shop',
    orderCode: 'A1B2C3',
    estimatedDelivery: { from: '2026-12-10' },
    carrier: { name: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
    trackingPageUrl: 'https://track.acme.test/t/k3J9xQ2mP7vR4sT8',
    unsubscribeUrl: 'https://track.acme.test/unsubscribe/u8F2kL9q',
    ...over,
  };
}

describe('email templates', () => {
  it('say the order, the milestone, the date in words, the carrier and all links (English)', () => {
    const mail = renderEmail(ctx());
    expect(mail.subject).toBe('Your order A1B2C3 has shipped');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('A1B2C3');
      expect(body).toContain('Shipped');
      expect(body).toContain('Thursday 10 December');
      expect(body).toContain('UPS');
      expect(body).toContain('1Z999AA10123456784');
      expect(body).toContain('https://track.acme.test/t/k3J9xQ2mP7vR4sT8');
      expect(body).toContain('https://track.acme.test/unsubscribe/u8F2kL9q');
    }
    expect(mail.html).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('speak Turkish with Turkish dates', () => {
    const mail = renderEmail(ctx({ language: 'tr', kind: 'out_for_delivery' }));
    expect(mail.subject).toBe('A1B2C3 numaralı siparişiniz dağıtıma çıktı');
    expect(mail.text).toContain('Durum: Dağıtımda');
    expect(mail.text).toContain('10 Aralık Perşembe');
    expect(mail.text).toContain('Bu bildirimlerden çık: https://track.acme.test/unsubscribe/u8F2kL9q');
    expect(mail.html).toContain('<html lang="tr">');
  });

  it('leave the estimate out once delivered and when unknown', () => {
    expect(renderEmail(ctx({ kind: 'delivered' })).text).not.toContain('Estimated delivery');
    const unknown = renderEmail(ctx({ estimatedDelivery: undefined }));
    expect(unknown.text).not.toContain('Estimated delivery');
    expect(renderEmail(ctx({ estimatedDelivery: { from: '2026-12-10', to: '2026-12-11' } })).text).toContain(
      'Estimated delivery: Thursday 10 December – Friday 11 December',
    );
  });

  it('escape what comes from shops and carriers and refuse non-http links', () => {
    const mail = renderEmail(
      ctx({ shopName: 'A&B <Shop>', detail: '<script>x</script>', carrier: { name: 'X', trackingUrl: 'javascript:alert(1)' } }),
    );
    expect(mail.html).toContain('A&amp;B &lt;Shop&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('javascript:');
    expect(mail.text).toContain('A&B <Shop>');
  });

  it('exist for every kind in every language, each with its own subject', () => {
    for (const language of TEMPLATE_LANGUAGES) {
      const subjects = new Set(KINDS.map((kind) => renderEmail(ctx({ kind, language })).subject));
      expect(subjects.size).toBe(KINDS.length);
    }
  });
});

describe('SMS templates', () => {
  it('fit one GSM-7 segment with the tracking link, in both languages, for every kind', () => {
    for (const language of TEMPLATE_LANGUAGES) {
      for (const kind of KINDS) {
        const sms = renderSms(ctx({ kind, language }));
        expect(sms.body).toContain('https://track.acme.test/t/k3J9xQ2mP7vR4sT8');
        expect(sms.body).toContain('A1B2C3');
        expect(sms.encoding).toBe('GSM-7');
        expect(sms.segments).toBe(1);
        expect(countSegments(sms.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
    }
  });

  it('keep the estimate and carrier when they fit and transliterate Turkish', () => {
    const en = renderSms(ctx());
    expect(en.body).toBe('Acme Shop: Your order A1B2C3 has shipped. ETA Thu 10 Dec. UPS. Track: https://track.acme.test/t/k3J9xQ2mP7vR4sT8 Reply STOP to opt out');
    const tr = renderSms(ctx({ language: 'tr' }));
    expect(tr.body).toContain('A1B2C3 numarali siparisiniz kargoya verildi.');
    expect(tr.body).not.toMatch(/[şğıİç]/);
  });

  it('drop optional parts before spilling into a second segment', () => {
    const long = renderSms(ctx({ shopName: 'The Very Long Name Of A Shop That Sells Things', language: 'tr' }));
    expect(long.segments).toBe(1);
    expect(long.body).not.toContain('UPS');
  });

  it('use UCS-2 when a name cannot be written in GSM-7', () => {
    const sms = renderSms(ctx({ shopName: '📦 Box' }));
    expect(sms.encoding).toBe('UCS-2');
    expect(sms.body).toContain('📦 Box');
  });
});

describe('push templates', () => {
  it('carry a title, the headline and the tracking link', () => {
    expect(renderPush(ctx({ kind: 'delivered', language: 'tr' }))).toEqual({
      title: 'Acme Shop: Teslim edildi',
      body: 'A1B2C3 numaralı siparişiniz teslim edildi.',
      url: 'https://track.acme.test/t/k3J9xQ2mP7vR4sT8',
      tag: 'order-A1B2C3',
    });
  });
});

describe('dates and languages', () => {
  it('write dates in words without shifting the calendar day', () => {
    expect(dateInWords('2026-01-01', 'en')).toBe('Thursday 1 January');
    expect(dateInWords('2026-01-01', 'tr', true)).toBe('1 Oca Per');
    expect(() => dateInWords('01/01/2026', 'en')).toThrow(/YYYY-MM-DD/);
  });

  it('take the local calendar date of an instant', () => {
    expect(localDate('2026-12-09T22:30:00Z', 'Europe/Istanbul')).toBe('2026-12-10');
    expect(localDate('2026-12-09T22:30:00Z', 'America/New_York')).toBe('2026-12-09');
  });

  it('map language tags to template languages', () => {
    expect(templateLanguage('tr-TR')).toBe('tr');
    expect(templateLanguage('EN_us')).toBe('en');
    expect(templateLanguage('de')).toBe('en');
    expect(templateLanguage(undefined)).toBe('en');
  });
});
