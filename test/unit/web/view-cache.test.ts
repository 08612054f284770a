import { describe, expect, it } from 'vitest';
import { withViewCache } from '../../../src/web/live/cached-tracking-queries.js';
import { createViewCache } from '../../../src/web/live/view-cache.js';
import { MAX_READ_GAP_MS } from '../../../src/services/view-change-read-gap.js';
import { createViewChangeFeed } from '../../../src/web/live/view-change-feed.js';
import type { TrackingPageQueries, TrackingView, ViewChange } from '../../../src/web/tracking-page-queries.js';

/** A read model in memory that counts its reads: what the cache saves is what it does not read. */
function store() {
  const views = new Map<string, TrackingView>();
  let reads = 0;
  const view = (code: string, revision: number, language = 'en'): TrackingView => ({
    orderCode: code,
    revision,
    status: revision > 1 ? 'out_for_delivery' : 'in_transit',
    milestone: revision > 1 ? 'out_for_delivery' : 'shipped',
    milestoneAt: {},
    placedAt: '2026-12-01T08:00:00Z',
    carrier: { id: 'ups', name: 'UPS', logoUrl: '/static/carriers/ups.svg' },
    events: [],
    destination: { city: 'Portland', country: 'US' },
    contact: {},
    items: [],
    preferences: { channels: ['email'], language },
  });
  const queries = {
    async loadTrackingView(code: string) {
      reads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return views.get(code) ?? null;
    },
    async savePreferences(code: string, prefs: { channels: string[]; language: string }) {
      const v = views.get(code)!;
      views.set(code, { ...v, preferences: prefs, language: prefs.language });
    },
  } as unknown as TrackingPageQueries;
  return { views, view, queries, reads: () => reads };
}

describe('tracking-view cache (per process)', () => {
  it('keeps at most maxEntries orders, dropping the least recently used', async () => {
    const s = store();
    const cache = createViewCache({ maxEntries: 3, maxAgeMs: 60_000, settleMs: 0 });
    for (const code of ['A', 'B', 'C', 'D']) s.views.set(code, s.view(code, 1));
    for (const code of ['A', 'B', 'C']) await cache.load(code, () => s.queries.loadTrackingView(code));
    expect(cache.get('A')?.orderCode).toBe('A'); // A is now the most recent
    await cache.load('D', () => s.queries.loadTrackingView('D'));
    expect(cache.size()).toBe(3);
    expect(cache.get('B')).toBeUndefined();
    expect(['A', 'C', 'D'].map((c) => cache.get(c)?.orderCode)).toEqual(['A', 'C', 'D']);
    // Two hundred orders later it still holds three.
    for (let i = 0; i < 200; i++) {
      s.views.set(`X${i}`, s.view(`X${i}`, 1));
      await cache.load(`X${i}`, () => s.queries.loadTrackingView(`X${i}`));
    }
    expect(cache.size()).toBe(3);
  });

  it('a newer revision drops the entry, an older or equal one does not; a change without one drops what was read before it settled', async () => {
    let now = 1_000_000;
    const s = store();
    s.views.set('A', s.view('A', 2));
    const cache = createViewCache({ maxEntries: 10, maxAgeMs: 60_000, settleMs: 3_000, now: () => now });
    await cache.load('A', () => s.queries.loadTrackingView('A'));
    cache.invalidate('A', { revision: 2 });
    expect(cache.get('A')?.revision).toBe(2);
    cache.invalidate('A', { revision: 3 });
    expect(cache.get('A')).toBeUndefined();
    await cache.load('A', () => s.queries.loadTrackingView('A'));
    // Read 5 s after a preferences change was written: it has it, so it stays; one read before goes.
    cache.invalidate('A', { at: now - 5_000 });
    expect(cache.get('A')).toBeDefined();
    cache.invalidate('A', { at: now - 1_000 });
    expect(cache.get('A')).toBeUndefined();
    now += 61_000;
    await cache.load('A', () => s.queries.loadTrackingView('A'));
    now += 61_000;
    expect(cache.get('A'), 'older than maxAgeMs').toBeUndefined();
  });

  it('a read in flight when the order changes is not kept, and concurrent reads of one order share one', async () => {
    const s = store();
    s.views.set('A', s.view('A', 1));
    const cache = createViewCache({ maxEntries: 10, maxAgeMs: 60_000, settleMs: 0 });
    const reading = cache.load('A', () => s.queries.loadTrackingView('A'));
    const joined = cache.load('A', () => s.queries.loadTrackingView('A'));
    cache.invalidate('A', { revision: 2 });
    expect((await reading)?.revision).toBe(1);
    expect(await joined).toBe(await reading);
    expect(s.reads()).toBe(1);
    expect(cache.get('A'), 'the answer predates revision 2').toBeUndefined();
  });

  it('serves from the cache while the feed is fresh, invalidates from the feed, and reads the database once the feed fails', async () => {
    let now = 1_000_000;
    const s = store();
    s.views.set('A', s.view('A', 1));
    const changes: ViewChange[] = [];
    let feedDown = false;
    const cache = createViewCache({ maxEntries: 10, maxAgeMs: 600_000, settleMs: 1_000, now: () => now });
    const feed = createViewChangeFeed(
      {
        changedSince: async (since) => {
          if (feedDown) throw new Error('database unreachable');
          return changes.filter((c) => c.at > since);
        },
      },
      cache,
      { pollMs: 500, lagMs: 1_000, staleAfterMs: 2_000, now: () => now },
    );
    const queries = withViewCache(s.queries, cache, feed);
    await queries.loadTrackingView('A');
    await queries.loadTrackingView('A');
    expect(s.reads()).toBe(1);

    // Another process writes revision 2: served stale until the next poll, fresh after it.
    s.views.set('A', s.view('A', 2));
    changes.push({ orderCode: 'A', revision: 2, at: now });
    expect((await queries.loadTrackingView('A'))?.revision).toBe(1);
    now += 500;
    await feed.pollOnce();
    expect((await queries.loadTrackingView('A'))?.revision).toBe(2);

    // The live stream asks for a revision the cache does not have yet: read, not served from the cache.
    s.views.set('A', s.view('A', 3));
    expect((await queries.loadTrackingView('A', { minRevision: 3 }))?.revision).toBe(3);

    // The feed fails: within staleAfterMs the cache still answers, past it every read goes to the database.
    feedDown = true;
    s.views.set('A', s.view('A', 4));
    now += 500;
    await feed.pollOnce();
    expect((await queries.loadTrackingView('A'))?.revision).toBe(3);
    now += 2_000;
    await feed.pollOnce();
    expect(feed.fresh()).toBe(false);
    expect((await queries.loadTrackingView('A'))?.revision).toBe(4);
    const reads = s.reads();
    await queries.loadTrackingView('A');
    expect(s.reads()).toBe(reads + 1);
  });

  it('the feed hands each poll to its one listener, and polls with nothing cached only while the listener watches', async () => {
    let now = 1_000_000;
    let queried = 0;
    const changes: ViewChange[] = [];
    const cache = createViewCache({ maxEntries: 10, maxAgeMs: 600_000, settleMs: 0, now: () => now });
    const feed = createViewChangeFeed(
      {
        changedSince: async (since) => {
          queried += 1;
          return changes.filter((c) => c.at > since);
        },
      },
      cache,
      { pollMs: 500, lagMs: 0, staleAfterMs: 2_000, now: () => now },
    );
    let watching = false;
    const heard: string[] = [];
    feed.listen({ watching: () => watching, changed: (cs) => heard.push(...cs.map((c) => `${c.orderCode}@${c.revision}`)), resync: () => heard.push('resync') });
    expect(() => feed.listen({ watching: () => true, changed: () => {}, resync: () => {} })).toThrow(/already has its listener/);

    changes.push({ orderCode: 'A', revision: 2, at: now + 1 });
    now += 500;
    await feed.pollOnce();
    expect(queried, 'nothing cached and no page open: no query').toBe(0);

    watching = true;
    changes.push({ orderCode: 'B', revision: 5, at: now + 1 });
    now += 500;
    await feed.pollOnce();
    expect(queried).toBe(1);
    expect(heard).toEqual(['B@5']);
  });

  it('after a gap longer than it reads (an outage), the feed reads nothing: it drops every cached view and has the open pages re-checked', async () => {
    let now = 1_000_000;
    let queried = 0;
    let failing = false;
    const cache = createViewCache({ maxEntries: 10, maxAgeMs: 600_000, settleMs: 0, now: () => now });
    const feed = createViewChangeFeed(
      {
        changedSince: async () => {
          queried += 1;
          if (failing) throw new Error('database down');
          return [];
        },
      },
      cache,
      { pollMs: 500, lagMs: 3_000, staleAfterMs: 2_000, now: () => now },
    );
    const heard: string[] = [];
    feed.listen({ watching: () => true, changed: () => heard.push('changed'), resync: () => heard.push('resync') });
    await cache.load('A', async () => store().view('A', 3));
    await feed.pollOnce();
    expect([queried, cache.size()]).toEqual([1, 1]);

    failing = true;
    now += MAX_READ_GAP_MS / 2;
    await feed.pollOnce();
    failing = false;
    now += MAX_READ_GAP_MS / 2 + 5_000;
    await feed.pollOnce();
    expect(queried, 'the gap is not read').toBe(2);
    expect(cache.size()).toBe(0);
    expect(heard).toEqual(['changed', 'resync']);
    // Back to reading from the next poll on.
    now += 500;
    await feed.pollOnce();
    expect(queried).toBe(3);
  });

  it('this process\'s own write drops the view at once; `fresh` reads past the cache', async () => {
    const s = store();
    s.views.set('A', s.view('A', 1));
    const cache = createViewCache({ maxEntries: 10, maxAgeMs: 600_000, settleMs: 0 });
    const queries = withViewCache(s.queries, cache, { fresh: () => true });
    await queries.loadTrackingView('A');
    await queries.savePreferences('A', { channels: ['email'], language: 'tr' });
    expect((await queries.loadTrackingView('A'))?.language).toBe('tr');
    // A write elsewhere the feed has not reported yet: `fresh` (the redirect after a save) still sees it.
    s.views.set('A', { ...s.view('A', 1), language: 'en', preferences: { channels: ['sms'], language: 'en' } });
    expect((await queries.loadTrackingView('A'))?.language).toBe('tr');
    expect((await queries.loadTrackingView('A', { fresh: true }))?.preferences.channels).toEqual(['sms']);
    expect((await queries.loadTrackingView('A'))?.preferences.channels, 'the fresh read refreshed the entry').toEqual(['sms']);
  });
});
