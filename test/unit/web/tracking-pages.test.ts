import { describe, expect, it } from 'vitest';
import { memoryWebApp } from './support/web-app.js';

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
};

describe('tracking view /t/:token', () => {
  it('shows the timeline with the current step, the ETA in words with its range, carrier, history and map', async () => {
    const { app, link } = memoryWebApp();
    const res = await app.request(link('ORD-1001'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('Your parcel is on its way');
    expect(html).toMatch(/<li class="step current" aria-current="step">.*?Shipped/);
    expect(html).toContain('Friday, 4 December');
    expect(html).toContain('between Thu 3 Dec and Fri 4 Dec');
    expect(html).toContain('<dd class="carrier-name">UPS</dd>');
    expect(html).toContain('src="/static/carriers/ups.svg"');
    expect(html).toContain('href="https://carrier.example/ups?n=1Z999AA10123456784"');
    expect(html).toContain('1Z999AA10123456784');
    // History newest first, in the destination's zone (Brooklyn → New York): 03:40 CST = 04:40 EST.
    expect(html.indexOf('Departed sort facility')).toBeLessThan(html.indexOf('Picked up by the carrier'));
    expect(html).toContain('Wed 2 Dec, 04:40');
    expect(html).toContain('Times in Eastern Time');
    expect(html).toMatch(/<svg class="map"[^>]*role="img"/);
    expect(html).toContain('Scans: Portland, OR, US; Memphis, TN, US; Louisville, KY, US. Destination: Brooklyn, NY, US.');
  });

  it('never shows the full e-mail, phone, street or surname; masks them instead', async () => {
    const { app, link } = memoryWebApp();
    const html = await (await app.request(link('ORD-1001'))).text();
    for (const secret of ['jane.doe@example.com', '555 123 4567', '5551234567', '42 Private Street', 'Doe', '11201']) expect(html).not.toContain(secret);
    expect(html).toContain('j•••@e•••.com');
    expect(html).toContain('••• 4567');
    expect(html).toContain('Jane D.');
  });

  it('says honestly when the promised day has passed', async () => {
    const { app, link } = memoryWebApp({ now: Date.parse('2026-12-06T12:00:00Z') });
    const html = await (await app.request(link('ORD-1001'))).text();
    expect(html).toContain('Your parcel is later than we promised. Sorry.');
    expect(html).toContain('Expected by Friday, 4 December: late');
  });

  it('a missed delivery is explained with what to do, in the order\'s language (Turkish)', async () => {
    const { app, link } = memoryWebApp();
    const html = await (await app.request(link('ORD-1003'), { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text();
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Sizi evde bulamadık');
    expect(html).toContain('Ne yapabilirsiniz');
    expect(html).toMatch(/<li class="step current" aria-current="step">.*?Dağıtımda/);
    expect(html).toContain('Taramalar: Leipzig, DE; Istanbul, TR. Varış: Ankara, TR.');
  });

  it('falls back to the browser language when the order has none', async () => {
    const { app, link, store } = memoryWebApp();
    store.byCode.get('ORD-1001')!.view.language = undefined;
    const html = await (await app.request(link('ORD-1001'), { headers: { 'accept-language': 'de;q=1, tr;q=0.8, en;q=0.5' } })).text();
    expect(html).toContain('<html lang="tr">');
  });

  it('a tampered or expired link gets the friendly re-entry page and no data; 404 / 410', async () => {
    const { app, link, clock } = memoryWebApp();
    const good = link('ORD-1001');
    const tampered = good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const [url, status] of [[tampered, 404], ['/t/k1.e30.AAAAAAAAAAAAAAAAAAAAAA', 404], ['/t/nonsense', 404]] as const) {
      const res = await app.request(url);
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(html).toContain('This link no longer works');
      expect(html).toContain('action="/track"');
      expect(html).not.toContain('ORD-1001');
      expect(html).not.toContain('UPS');
    }
    clock.now += 31 * 86_400_000;
    const expired = await app.request(good);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link no longer works');
  });

  it('legacy random trackingToken links redirect to a signed link until the cut-off, then stop', async () => {
    const { app, clock } = memoryWebApp();
    const res = await app.request('/t/legacyTokenAbcdefghijklmn');
    expect(res.status).toBe(302);
    const next = res.headers.get('location')!;
    expect(next).toMatch(/^\/t\/k1\./);
    expect((await app.request(next)).status).toBe(200);
    clock.now = Date.parse('2027-03-01T00:00:00Z');
    expect((await app.request('/t/legacyTokenAbcdefghijklmn')).status).toBe(404);
  });

  it('headers: CSP without inline script, no-referrer, nosniff, no framing of the full page', async () => {
    const { app, link } = memoryWebApp();
    const res = await app.request(link('ORD-1001'));
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('first load (page + CSS + script) stays well under 100 KB', async () => {
    const { app, link } = memoryWebApp();
    const html = await (await app.request(link('ORD-1003'))).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/web\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    let total = Buffer.byteLength(html);
    for (const a of assets) {
      const res = await app.request(a);
      expect(res.status).toBe(200);
      total += Buffer.byteLength(await res.text());
    }
    expect(total).toBeLessThan(100 * 1024);
  });
});

describe('forms on the tracking view', () => {
  it('preferences save with a plain POST and redirect back with a confirmation', async () => {
    const { app, link, store } = memoryWebApp();
    const url = link('ORD-1001');
    const res = await app.request(`${url}/preferences`, form({ channels: ['sms', 'push', 'fax'], language: 'tr' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${url}?saved=preferences#preferences`);
    expect(store.byCode.get('ORD-1001')!.view.preferences).toEqual({ channels: ['sms', 'push'], language: 'tr' });
    const html = await (await app.request(`${url}?saved=preferences`)).text();
    expect(html).toMatch(/id="ch-sms"[^>]*checked/);
    expect(html).not.toMatch(/id="ch-email"[^>]*checked/);
    // The chosen language is the order's language: the page answers in it from now on.
    expect(html).toContain('<html lang="tr">');
    expect(html).toContain('Kaydedildi. Seçimleriniz bir sonraki güncellemede geçerli.');
  });

  it('feedback: shown only after delivery, accepted once, then thanked', async () => {
    const { app, link, store } = memoryWebApp();
    expect(await (await app.request(link('ORD-1001'))).text()).not.toContain('How was your delivery?');
    expect((await app.request(`${link('ORD-1001')}/feedback`, form({ rating: '5' }))).status).toBe(409);
    const url = link('ORD-1002');
    expect(await (await app.request(url)).text()).toContain('How was your delivery?');
    expect((await app.request(`${url}/feedback`, form({ rating: '9' }))).status).toBe(400);
    const res = await app.request(`${url}/feedback`, form({ rating: '4', comment: 'Quick, thanks' }));
    expect(res.status).toBe(303);
    expect(store.byCode.get('ORD-1002')!.view.feedback).toEqual({ rating: 4, comment: 'Quick, thanks' });
    await app.request(`${url}/feedback`, form({ rating: '1' }));
    expect(store.byCode.get('ORD-1002')!.view.feedback!.rating).toBe(4);
    const html = await (await app.request(`${url}?saved=feedback`)).text();
    expect(html).toContain('Thank you for your feedback!');
    expect(html).toContain('You rated this delivery 4 of 5.');
    expect(html).not.toContain('name="rating"');
  });

  it('push subscriptions are stored for the order; bad ones get a JSON error', async () => {
    const { app, link, store } = memoryWebApp();
    const url = `${link('ORD-1001')}/push`;
    const sub = { endpoint: 'https://push.example/abc', keys: { p256dh: 'p', auth: 'a' } };
    const ok = await app.request(url, { method: 'POST', body: JSON.stringify(sub), headers: { 'content-type': 'application/json' } });
    expect(ok.status).toBe(201);
    expect(store.pushes).toEqual([{ orderCode: 'ORD-1001', subscription: sub }]);
    const bad = await app.request(url, { method: 'POST', body: JSON.stringify({ endpoint: 'http://x' }), headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_SUBSCRIPTION' } });
  });
});
