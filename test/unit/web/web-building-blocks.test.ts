import { describe, expect, it } from 'vitest';
import { dayInWords } from '../../../src/web/format/dates.js';
import { maskEmail, maskName, maskPhone } from '../../../src/domain/contact-mask.js';
import { pickLanguage } from '../../../src/web/i18n/i18n.js';
import { createCachedViews } from '../../../src/web/live/cached-tracking-queries.js';
import { createLiveHub } from '../../../src/web/live/live-hub.js';
import { proofMatches } from '../../../src/web/lookup/lookup-proof.js';
import { clipRing, simplify } from '../../../src/web/map/clip-simplify.js';
import { lookupPlace } from '../../../src/web/map/gazetteer.js';
import { countryPaths, frameFor } from '../../../src/web/map/map-frame.js';
import { ORIGINS, HUBS, DESTINATIONS } from '../../../src/simulators/carrier/places.js';
import type { TrackingPageQueries, TrackingView, ViewChange } from '../../../src/web/tracking-page-queries.js';
import { testWebConfig } from './support/in-memory-web-deps.js';

describe('language', () => {
  it('the order\'s language wins, then Accept-Language by q, else English', () => {
    expect(pickLanguage('tr', 'en')).toBe('tr');
    expect(pickLanguage('tr-TR', undefined)).toBe('tr');
    expect(pickLanguage('de', 'fr;q=0.9, tr-TR;q=0.8, en;q=0.7')).toBe('tr');
    expect(pickLanguage(undefined, 'en;q=0.3, tr;q=0.9')).toBe('tr');
    expect(pickLanguage(undefined, 'de, fr')).toBe('en');
  });

  it('dates in words in both languages', () => {
    expect(dayInWords('2024-05-02', 'en-GB', 'America/New_York')).toBe('Thursday, 2 May');
    expect(dayInWords('2024-05-02', 'tr-TR', 'Europe/Istanbul')).toBe('2 Mayıs Perşembe');
    // A date-time is the customer's day: 02:00 in Istanbul is still 1 May in New York.
    expect(dayInWords('2024-05-02T02:00:00+03:00', 'en-GB', 'America/New_York')).toBe('Wednesday, 1 May');
  });
});

describe('privacy masks', () => {
  it('keep just enough to recognise one\'s own details', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@e•••.com');
    expect(maskPhone('+1 (555) 123-4567')).toBe('••• 4567');
    expect(maskName('Jane Q. Doe')).toBe('Jane D.');
    expect(maskName('Cher')).toBe('Cher');
  });
});

describe('lookup proof', () => {
  const subject = { orderCode: 'A', email: 'Jane@Example.com', postalCode: 'SW1A 1AA' };
  it('accepts the e-mail or the postal code, normalized, and nothing when there is no order', () => {
    expect(proofMatches(subject, 'jane@example.com ')).toBe(true);
    expect(proofMatches(subject, 'sw1a-1aa')).toBe(true);
    expect(proofMatches(subject, 'SW1A 1AB')).toBe(false);
    expect(proofMatches(subject, 'other@example.com')).toBe(false);
    expect(proofMatches(null, 'nobody@invalid.')).toBe(false);
    expect(proofMatches({ orderCode: 'B' }, '')).toBe(false);
  });
});

describe('live hub', () => {
  it('one feed poll serves the view cache and every open page: each viewer told once per newer revision, a late one caught up', async () => {
    const revisions = new Map([['A', 1], ['B', 5]]);
    const written: ViewChange[] = [];
    const polls: number[] = [];
    let reads = 0;
    const queries = {
      async loadTrackingView(orderCode: string) {
        reads += 1;
        const revision = revisions.get(orderCode);
        return revision === undefined ? null : ({ orderCode, revision } as TrackingView);
      },
    } as TrackingPageQueries;
    const config = testWebConfig({ livePollMs: 60_000 });
    const { liveHub: hub, queries: cached } = createCachedViews(queries, {
      async changedSince(since) {
        polls.push(since);
        return written.filter((w) => w.at > since);
      },
    }, config);
    const write = (orderCode: string, revision: number) => {
      revisions.set(orderCode, revision);
      written.push({ orderCode, revision, at: Date.now() });
    };
    // Nothing cached, nobody watching: no query.
    await hub.pollOnce();
    expect(polls).toHaveLength(0);
    const got: string[] = [];
    const offA1 = hub.subscribe('A', { after: 1, deliver: (c, r) => got.push(`a1:${c}@${r}`) });
    hub.subscribe('A', { after: 0, deliver: (c, r) => got.push(`a2:${c}@${r}`) });
    hub.subscribe('B', { after: 5, deliver: (c, r) => got.push(`b:${c}@${r}`) });
    // The viewer that had not seen revision 1 is caught up at once, from the (now cached) view.
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['a2:A@1']);
    write('A', 2);
    await hub.pollOnce();
    expect(polls).toHaveLength(1);
    expect(got).toEqual(['a2:A@1', 'a1:A@2', 'a2:A@2']);
    // The same poll dropped the cached view of A: the next read is revision 2.
    expect((await cached.loadTrackingView('A'))?.revision).toBe(2);
    await hub.pollOnce();
    expect(got).toHaveLength(3);
    const readsBefore = reads;
    const views = await Promise.all([cached.loadTrackingView('B', { minRevision: 5 }), cached.loadTrackingView('B', { minRevision: 5 })]);
    expect(views.map((v) => v?.revision)).toEqual([5, 5]);
    expect(reads - readsBefore).toBe(0);
    offA1();
    expect(hub.size()).toBe(2);
    hub.stop();
    expect(hub.size()).toBe(0);
  });

  it('a resync (the feed skipped a gap) pushes each open page its order\'s current revision when it is newer', async () => {
    const current = new Map([['A', 4], ['B', 2]]);
    const hub = createLiveHub({ latest: async (orderCode) => current.get(orderCode) });
    const got: string[] = [];
    hub.subscribe('A', { after: 4, deliver: (c, r) => got.push(`${c}@${r}`) });
    hub.subscribe('B', { after: 2, deliver: (c, r) => got.push(`${c}@${r}`) });
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([]);
    current.set('A', 6);
    hub.resync();
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['A@6']);
    hub.stop();
  });

  it('live streams asking for one revision share a read in flight, and read again only when it was older', async () => {
    let revision = 3;
    let reads = 0;
    const queries = {
      async loadTrackingView(orderCode: string) {
        reads += 1;
        const seen = revision;
        await new Promise((r) => setTimeout(r, 5));
        return { orderCode, revision: seen } as TrackingView;
      },
    } as TrackingPageQueries;
    const { queries: cached, liveHub } = createCachedViews(queries, { changedSince: async () => [] }, testWebConfig({ livePollMs: 60_000 }));
    const shared = await Promise.all([1, 2, 3].map(() => cached.loadTrackingView('A', { minRevision: 3 })));
    expect(shared.map((v) => v?.revision)).toEqual([3, 3, 3]);
    expect(reads).toBe(1);
    const inFlight = cached.loadTrackingView('A', { fresh: true });
    revision = 4;
    const newer = await cached.loadTrackingView('A', { minRevision: 4 });
    expect(newer?.revision).toBe(4);
    expect((await inFlight)?.revision).toBe(3);
    liveHub.stop();
  });
});

describe('map', () => {
  it('the gazetteer knows every place the carrier simulator scans at', () => {
    for (const p of [...ORIGINS, ...HUBS, ...DESTINATIONS]) expect(lookupPlace(p), `${p.city}, ${p.region}`).toBeDefined();
    expect(lookupPlace({ city: 'ontario', region: 'CA', country: 'US' })).toMatchObject({ lat: 34.06 });
    expect(lookupPlace({ city: 'Nowhere', country: 'US' })).toBeUndefined();
  });

  it('frames the pins inside the picture and draws only nearby countries, compactly', () => {
    const pins = [
      { lat: 45.52, lon: -122.68, label: 'Portland', kind: 'scan' as const },
      { lat: 40.68, lon: -73.94, label: 'Brooklyn', kind: 'destination' as const },
    ];
    const frame = frameFor(pins);
    for (const p of pins) {
      const [x, y] = frame.project(p.lon, p.lat);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(640);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(400);
    }
    const paths = countryPaths(frame);
    const names = paths.map((p) => p.name);
    expect(names).toContain('United States of America');
    expect(names).toContain('Canada');
    expect(names).not.toContain('Turkey');
    expect(paths.reduce((n, p) => n + p.d.length, 0)).toBeLessThan(20_000);
  });

  it('clipping keeps what is inside and simplification drops near-collinear points', () => {
    const square: [number, number][] = [[-10, -10], [10, -10], [10, 10], [-10, 10]];
    const clipped = clipRing(square, 0, 0, 20, 20);
    expect(clipped.every(([x, y]) => x >= 0 && y >= 0)).toBe(true);
    expect(clipped).toContainEqual([10, 10]);
    expect(simplify([[0, 0], [1, 0.1], [2, 0], [3, 5], [4, 0]], 0.5)).toEqual([[0, 0], [2, 0], [3, 5], [4, 0]]);
  });
});
