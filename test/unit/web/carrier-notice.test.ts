import { describe, expect, it } from 'vitest';
import { memoryWebApp } from './support/web-app.js';

describe('tracking view: the carrier outage notice', () => {
  it('shows a short notice in the order\'s language only while the carrier is in outage', async () => {
    const { app, link, store } = memoryWebApp();
    const order = store.byCode.get('ORD-1001')!;
    expect(await (await app.request(link('ORD-1001'))).text()).not.toContain('carrier-notice');

    order.view = { ...order.view, carrierNotice: 'carrier_outage', language: 'en' };
    const en = await (await app.request(link('ORD-1001'))).text();
    expect(en).toContain('<p class="notice warn carrier-notice" role="note">');
    expect(en).toContain('UPS&#39;s tracking service is not answering at the moment, so updates may be late.');

    order.view = { ...order.view, language: 'tr' };
    const tr = await (await app.request(link('ORD-1001'))).text();
    expect(tr).toContain('UPS takip hizmeti şu anda yanıt vermiyor');
  });
});
