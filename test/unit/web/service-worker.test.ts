import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SERVICE_WORKER_JS } from '../../../src/web/assets/app-js.js';

type Listener = (event: Record<string, unknown>) => void;

/** The worker's script run in a bare context with the ServiceWorkerGlobalScope parts it uses, recorded. */
function loadWorker(openTabs: { url: string }[] = []) {
  const listeners: Record<string, Listener> = {};
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const focused: string[] = [];
  const self = {
    location: { origin: 'https://track.acme.test' },
    addEventListener: (type: string, listener: Listener) => (listeners[type] = listener),
    registration: { showNotification: async (title: string, options: Record<string, unknown>) => void shown.push({ title, options }) },
    clients: {
      matchAll: async () => openTabs.map((t) => ({ url: t.url, focus: async () => void focused.push(t.url) })),
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  runInNewContext(SERVICE_WORKER_JS, { self });
  async function dispatch(type: string, event: Record<string, unknown>): Promise<void> {
    let waited: Promise<unknown> = Promise.resolve();
    listeners[type]!({ ...event, waitUntil: (p: Promise<unknown>) => (waited = p) });
    await waited;
  }
  const pushed = (payload: string) => dispatch('push', { data: { json: () => JSON.parse(payload) as unknown, text: () => payload } });
  const click = (data: unknown) => dispatch('notificationclick', { notification: { data, close: () => undefined } });
  return { shown, opened, focused, pushed, click };
}

const payload = { title: 'Acme: Out for delivery', body: 'Your order A-1 is out for delivery.', url: 'https://track.acme.test/t/k.p.m', tag: 'order-A-1' };

describe('the push service worker (/web/sw.js)', () => {
  it('shows the pushed title and text under the order tag and opens the tracking link on click', async () => {
    const sw = loadWorker();
    await sw.pushed(JSON.stringify(payload));
    expect(sw.shown).toEqual([
      { title: payload.title, options: { body: payload.body, tag: 'order-A-1', renotify: true, data: { url: payload.url } } },
    ]);
    await sw.click(sw.shown[0]!.options.data);
    expect(sw.opened).toEqual([payload.url]);
  });

  it('focuses a tab already showing the tracking page instead of opening another', async () => {
    const sw = loadWorker([{ url: 'https://track.acme.test/other' }, { url: payload.url }]);
    await sw.pushed(JSON.stringify(payload));
    await sw.click(sw.shown[0]!.options.data);
    expect(sw.focused).toEqual([payload.url]);
    expect(sw.opened).toEqual([]);
  });

  it('never opens a non-http link from a payload and shows a plain text payload as the body', async () => {
    const sw = loadWorker();
    await sw.pushed(JSON.stringify({ ...payload, url: 'javascript:alert(1)' }));
    await sw.click(sw.shown[0]!.options.data);
    expect(sw.opened).toEqual(['https://track.acme.test/']);
    await sw.pushed('parcel update');
    expect(sw.shown[1]).toEqual({ title: 'Order update', options: { body: 'parcel update', data: { url: 'https://track.acme.test/' } } });
  });
});
