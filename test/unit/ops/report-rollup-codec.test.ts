import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../../src/db/report-rollups/contribution.js';
import { packHistogram, parseLegacyHistogram, unpackHistogram } from '../../../src/db/report-rollups/histogram-codec.js';
import { EMPTY_HISTOGRAM, histogramOf, sumHistograms, type Histogram } from '../../../src/db/report-rollups/histogram.js';
import { decodeTotals, encodeTotals, RollupVersionError } from '../../../src/db/report-rollups/rollup-codec.js';
import { foldContributions, sumTotals } from '../../../src/db/report-rollups/rollup-totals.js';
import { figuresFromTotals } from '../../../src/services/reports/rollup-figures.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 10);

/** Key → count maps: small keys (minutes, some negative), or ms instants (open promise deadlines). */
const deadlines = fc.array(fc.tuple(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), fc.integer({ min: 1, max: 3 })), { maxLength: 50 });
const counts = fc.oneof(fc.array(fc.tuple(fc.integer({ min: -50, max: 20_000 }), fc.integer({ min: 1, max: 100_000 })), { maxLength: 300 }), deadlines);
const mapOf = (pairs: [number, number][]) => {
  const m = new Map<number, number>();
  for (const [k, c] of pairs) m.set(k, (m.get(k) ?? 0) + c);
  return m;
};
const asMap = (h: Histogram) => new Map(h.keys.map((k, i) => [k, h.counts[i]!]));

/** The first stored form, as rows written before the packed one hold it. */
const legacyText = (m: Map<number, number>) => [...m].map(([k, v]) => `${k.toString(36)}:${v.toString(36)}`).join(',');

/** A month-lane row's worth of delivered orders, like the benchmark's seed. */
function deliveredOrders(n: number, seed: number): Contribution[] {
  const c: Contribution[] = [];
  let x = seed;
  const next = () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < n; i++) {
    const t = T0 + next() * 24 * H;
    const sh = t + (4 + next() * 30) * H;
    c.push({ k: 'placed', o: `o${seed}-${i}`, t, d: t + 100 * H }, { k: 'state', o: `o${seed}-${i}`, r: 1, s: 'delivered', dl: sh + (20 + next() * 100) * H, sh });
  }
  return c;
}

describe('packed histograms', () => {
  it('round-trip any histogram, through JSON too', () => {
    fc.assert(
      fc.property(counts, (pairs) => {
        const h = histogramOf(mapOf(pairs));
        const text = packHistogram(h);
        expect(unpackHistogram(JSON.parse(JSON.stringify(text)) as string)).toEqual(h);
        // The alphabet needs no escaping in JSON.
        expect(JSON.stringify(text)).toBe(`"${text}"`);
      }),
    );
    expect(packHistogram(EMPTY_HISTOGRAM)).toBe('');
    expect(unpackHistogram('')).toEqual(EMPTY_HISTOGRAM);
    const edge = histogramOf(new Map([[-(2 ** 50), 1], [0, 2], [2 ** 50, 2 ** 40]]));
    expect(unpackHistogram(packHistogram(edge))).toEqual(edge);
  });

  it('cost about 1.4 characters a key on a dense delivery-time histogram (the first form cost six)', () => {
    const h = foldContributions(deliveredOrders(5_500, 7)).placedToDeliveredMin;
    expect(h.keys.length).toBeGreaterThan(2_500);
    const packed = packHistogram(h).length;
    expect(packed / h.keys.length).toBeLessThan(1.6);
    expect(legacyText(asMap(h)).length / packed).toBeGreaterThan(3);
  });

  it('refuse what they cannot hold exactly, and malformed text', () => {
    expect(() => packHistogram({ keys: [1.5], counts: [1] })).toThrow(/cannot be packed/);
    expect(() => packHistogram({ keys: [1], counts: [0] })).toThrow(/cannot be packed/);
    // A first key or a gap beyond 2^52 would lose precision once doubled and flagged.
    expect(() => packHistogram({ keys: [2 ** 52], counts: [1] })).toThrow(/cannot be packed/);
    expect(() => packHistogram({ keys: [-(2 ** 51), 2 ** 51 + 1], counts: [1, 1] })).toThrow(/cannot be packed/);
    expect(unpackHistogram(packHistogram({ keys: [-(2 ** 51), 2 ** 51], counts: [1, 1] }))).toEqual({ keys: [-(2 ** 51), 2 ** 51], counts: [1, 1] });
    // A continuation digit with nothing after it; a character outside the alphabet.
    expect(() => unpackHistogram('a')).toThrow(/malformed/);
    expect(() => unpackHistogram('1:1')).toThrow(/malformed/);
    expect(() => unpackHistogram('1é')).toThrow(/malformed/);
  });

  it('still read the first form', () => {
    fc.assert(fc.property(counts, (pairs) => void expect(parseLegacyHistogram(legacyText(mapOf(pairs)))).toEqual(histogramOf(mapOf(pairs)))));
  });
});

describe('histogram sums', () => {
  const expectKeyWiseSum = (lists: [number, number][][]) => {
    const expected = new Map<number, number>();
    for (const pairs of lists) for (const [k, c] of pairs) expected.set(k, (expected.get(k) ?? 0) + c);
    expect(sumHistograms(lists.map((pairs) => histogramOf(mapOf(pairs))))).toEqual(histogramOf(expected));
  };

  it('equal the key-wise sum of maps (dense or sparse)', () => {
    fc.assert(fc.property(fc.array(counts, { maxLength: 8 }), expectKeyWiseSum));
  });

  it('equal it for many sparse histograms too (the k-way merge), shared keys and empty ones included', () => {
    const shared = fc.array(fc.tuple(fc.constantFrom(1_800_000_000_000, 1_800_000_060_000), fc.integer({ min: 1, max: 3 })), { maxLength: 2 });
    fc.assert(fc.property(fc.array(fc.oneof(deadlines, shared), { minLength: 20, maxLength: 200 }), expectKeyWiseSum), { numRuns: 50 });
    const spread = Array.from({ length: 500 }, (_, i) => [[1_700_000_000_000 + i * 3_600_000, 1] as [number, number], [1_900_000_000_000 - i, 2] as [number, number]]);
    expectKeyWiseSum(spread);
    expect(sumHistograms([EMPTY_HISTOGRAM, EMPTY_HISTOGRAM])).toBe(EMPTY_HISTOGRAM);
  });
});

describe('stored totals', () => {
  const c: Contribution[] = [
    ...deliveredOrders(300, 3),
    { k: 'placed', o: 'open', t: T0, d: T0 + 50 * H },
    { k: 'placed', o: 'late', t: T0 - 10 * H, d: T0 + 20 * H },
    { k: 'state', o: 'late', r: 2, s: 'in_transit' },
    { k: 'notify', o: 'open', n: 'n1', ch: 'email', st: 'sent' },
    { k: 'rating', o: 'o3-1', v: 5 },
    { k: 'change', o: 'late', to: 'exception' },
  ];
  const totals = foldContributions(c);

  it('round-trip through JSON in the packed form (v: 2)', () => {
    const doc = encodeTotals(totals);
    expect(doc.v).toBe(2);
    expect(decodeTotals(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>)).toEqual(totals);
  });

  it('decode rows written in the first form to the same totals', () => {
    const legacy: Record<string, unknown> = { ...encodeTotals(totals) };
    delete legacy.v;
    legacy.placedToDeliveredMin = legacyText(asMap(totals.placedToDeliveredMin));
    legacy.handoffToDeliveredMin = legacyText(asMap(totals.handoffToDeliveredMin));
    legacy.openDeadlines = legacyText(asMap(totals.openDeadlines));
    expect(decodeTotals(JSON.parse(JSON.stringify(legacy)) as Record<string, unknown>)).toEqual(totals);
  });

  it('refuse a stored form of a newer release (any other v) instead of misreading it', () => {
    const newer = { ...encodeTotals(totals), v: 3 };
    expect(() => decodeTotals(newer)).toThrow(RollupVersionError);
    expect(() => decodeTotals({ ...newer, v: '2' })).toThrow(/stored form v2: this release reads the first form and v2 only/);
  });

  it('summed from stored rows give the figures of one fold of all their orders', () => {
    const parts = [deliveredOrders(5_500, 11), deliveredOrders(1_200, 12), deliveredOrders(180, 13), c];
    const stored = parts.map((p) => decodeTotals(JSON.parse(JSON.stringify(encodeTotals(foldContributions(p)))) as Record<string, unknown>));
    const asOf = T0 + 30 * H;
    const summed = figuresFromTotals(sumTotals(stored), asOf);
    expect(summed).toEqual(figuresFromTotals(foldContributions(parts.flat()), asOf));
    expect(summed).toMatchObject({ orders: 7_182, openPastPromise: 1, exceptions: 1, ratings: 1 });
  });
});
