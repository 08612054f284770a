import { describe, expect, it } from 'vitest';
import { memoryWebApp } from './support/web-app.js';

const lookup = (order: string, proof: string, ip = '1.2.3.4') => ({
  method: 'POST',
  body: new URLSearchParams({ order, proof }),
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-ip': ip },
});

/** The page minus the echoed order number, to compare two answers for equality. */
const withoutEcho = (html: string, order: string) => html.replaceAll(order, '#');

describe('/track lookup', () => {
  it('the form is labelled and works without script', async () => {
    const { app } = memoryWebApp();
    const res = await app.request('/track');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="order">Order number</label>');
    expect(html).toContain('<label for="proof">E-mail address or postal code</label>');
    expect(html).toContain('<form method="post" action="/track"');
  });

  it('the right e-mail (any case) or postal code (any spacing) redirects to a signed link that opens the order', async () => {
    const { app } = memoryWebApp();
    for (const proof of [' Jane.Doe@Example.com ', '112 01']) {
      const res = await app.request('/track', lookup('ORD-1001', proof));
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toMatch(/^\/t\/k1\./);
      expect(await (await app.request(location)).text()).toContain('Order ORD-1001');
    }
  });

  it('"no such order" and "wrong e-mail" get the identical answer', async () => {
    const { app } = memoryWebApp();
    const wrongEmail = await app.request('/track', lookup('ORD-1001', 'someone@example.com'));
    const noOrder = await app.request('/track', lookup('ORD-9999', 'jane.doe@example.com'));
    expect(wrongEmail.status).toBe(404);
    expect(noOrder.status).toBe(404);
    const a = withoutEcho(await wrongEmail.text(), 'ORD-1001');
    const b = withoutEcho(await noOrder.text(), 'ORD-9999');
    expect(a).toBe(b);
    expect(a).toContain('We could not find an order with these details.');
    expect(a).not.toContain('UPS');
  });

  it('empty fields get a 400 with the form again', async () => {
    const { app } = memoryWebApp();
    const res = await app.request('/track', lookup('', ''));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Please fill in both fields.');
  });

  it('is rate-limited per client: 429 with Retry-After until the window ends', async () => {
    const { app, clock } = memoryWebApp({ now: Date.parse('2026-12-03T12:00:15Z') });
    // The test config allows 5 per minute per client.
    for (let i = 0; i < 5; i += 1) expect((await app.request('/track', lookup(`ORD-X${i}`, 'a@b.c'))).status).toBe(404);
    const limited = await app.request('/track', lookup('ORD-1001', 'jane.doe@example.com'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(await limited.text()).toContain('Too many attempts. Please wait 1 minute(s)');
    clock.now += 45_000;
    expect((await app.request('/track', lookup('ORD-1001', 'jane.doe@example.com'))).status).toBe(303);
  });

  it('is rate-limited per order too, so one order cannot be guessed at from many clients', async () => {
    const { app } = memoryWebApp();
    const ips = Array.from({ length: 11 }, (_, i) => `10.0.0.${i}`);
    const statuses: number[] = [];
    for (const ip of ips) statuses.push((await app.request('/track', lookup('ORD-1001', `guess${ip}@x.y`, ip))).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('/my-orders (TC001)', () => {
  it('lists the customer\'s orders newest first with tracking number and status, each linking to its view', async () => {
    const { app, myOrders } = memoryWebApp();
    const res = await app.request(myOrders('cust-1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    const codes = [...html.matchAll(/data-order="([^"]+)"/g)].map((m) => m[1]);
    expect(codes).toEqual(['ORD-1001', 'ORD-1003', 'ORD-1002']);
    expect(html).toContain('JD014600006281230704');
    expect(html).toContain('Your parcel has been delivered');
    expect(html).toContain('We missed you');
    expect(html).not.toContain('ORD-2001');
    const href = /<a class="order-link" href="([^"]+)"/.exec(html)![1]!;
    expect(await (await app.request(href)).text()).toContain('Order ORD-1001');
  });

  it('a bad or expired customer token shows the friendly page, never orders', async () => {
    const { app, myOrders, clock } = memoryWebApp();
    const url = myOrders('cust-1');
    expect((await app.request(`${url}x`)).status).toBe(404);
    expect((await app.request('/my-orders')).status).toBe(404);
    clock.now += 2 * 3600_000;
    const expired = await app.request(url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).not.toContain('ORD-1001');
  });
});

describe('/embed/t/:token', () => {
  it('is a compact view the configured shop may frame, themed by hex colours only', async () => {
    const { app, link } = memoryWebApp();
    const token = link('ORD-1001').slice(3);
    const res = await app.request(`/embed/t/${token}?accent=0a7d55&bg=zzz;}body{`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors https://shop.example.com');
    expect(res.headers.get('x-frame-options')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<body class="compact">');
    expect(html).toContain('href="/web/theme.css?accent=0a7d55"');
    expect(html).toContain('Your parcel is on its way');
    const theme = await app.request('/web/theme.css?accent=0a7d55&bg=zzz;}body{');
    expect(await theme.text()).toBe(':root{--accent:#0a7d55}');
  });

  it('the snippet script is served for shops to include', async () => {
    const { app } = memoryWebApp();
    const res = await app.request('/web/embed.js');
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(await res.text()).toContain("'/embed/t/'");
  });
});

describe('live stream over the in-memory source', () => {
  it('sends the re-rendered fragment when the order moves on', async () => {
    const { app, link, store, liveHub } = memoryWebApp({ pollMs: 20 });
    const res = await app.request(`${link('ORD-1001')}/events?after=3`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value ?? '';
    store.advance('ORD-1001', { status: 'out_for_delivery', milestone: 'out_for_delivery' });
    const update = /event: update\ndata: (.*)\nid: 4\n\n/;
    while (!update.test(text)) text += (await reader.read()).value ?? '';
    const data = JSON.parse(update.exec(text)![1]!);
    expect(data.revision).toBe(4);
    expect(data.html).toContain('Your parcel arrives today');
    expect(liveHub.size()).toBe(1);
    await reader.cancel();
  });

  it('many viewers of one order cost one read and one render per revision', async () => {
    const { app, link, store } = memoryWebApp({ pollMs: 20 });
    const load = store.queries.loadTrackingView;
    let loads = 0;
    store.queries.loadTrackingView = (code) => {
      loads += 1;
      return load(code);
    };
    const url = `${link('ORD-1002')}/events?after=6`;
    const readers = await Promise.all([1, 2, 3].map(async () => (await app.request(url)).body!.pipeThrough(new TextDecoderStream()).getReader()));
    const texts = ['', '', ''];
    await Promise.all(readers.map(async (r, i) => {
      while (!texts[i]!.includes('event: ready')) texts[i] += (await r.read()).value ?? '';
    }));
    const before = loads;
    store.advance('ORD-1002', {});
    await Promise.all(readers.map(async (r, i) => {
      while (!texts[i]!.includes('event: update')) texts[i] += (await r.read()).value ?? '';
    }));
    expect(loads - before).toBe(1);
    await Promise.all(readers.map((r) => r.cancel()));
  });
});
