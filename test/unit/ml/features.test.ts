import { describe, expect, it } from 'vitest';
import { isoFromDay } from '../../../ml/calendar-day.js';
import { categoricalIndices, encode, featureWidth, fitNormalisation, fitVocabularies, historyFeatures, NUMERIC_NAMES, rawNumeric, type FeatureSpec } from '../../../ml/features.js';
import { labelRows } from '../../../ml/labelled-rows.js';
import { LaneHistory } from '../../../ml/lane-history.js';
import { orderTiming } from '../../../ml/timing.js';
import { regionDistanceKm } from '../../../ml/region-coordinates.js';
import { historiesOf } from '../../../ml/train.js';
import { delivered, purchase } from './fixtures.js';

const col = (name: string) => NUMERIC_NAMES.indexOf(name);

function specFor(): FeatureSpec {
  const rows = Array.from({ length: 30 }, (_, i) => delivered('2018-03-12T12:00:00-03:00', { category: i < 25 ? 'books' : 'toys' }));
  return {
    version: 1,
    cutoffHour: 14,
    historyWindowDays: 56,
    vocab: fitVocabularies(rows),
    numericNames: NUMERIC_NAMES,
    mean: new Array(NUMERIC_NAMES.length).fill(0),
    std: new Array(NUMERIC_NAMES.length).fill(1),
    fallbackTransit: 5,
  };
}

describe('dispatch cut-off, weekends and holidays', () => {
  it('dispatches the same day before the cut-off and the next business day after it', () => {
    expect(isoFromDay(orderTiming(purchase({ purchasedAt: '2018-03-09T13:59:00-03:00' }), 14).dispatchDay)).toBe('2018-03-09');
    // Friday 14:00 São Paulo time: Monday.
    expect(isoFromDay(orderTiming(purchase({ purchasedAt: '2018-03-09T14:00:00-03:00' }), 14).dispatchDay)).toBe('2018-03-12');
    // 13:00 in the shop's zone is 16:00 UTC: the cut-off is read on the shop's clock, not UTC.
    expect(isoFromDay(orderTiming(purchase({ purchasedAt: '2018-03-09T16:00:00Z' }), 14).dispatchDay)).toBe('2018-03-09');
  });

  it('skips a public holiday of the origin (Good Friday 2018-03-30) and counts holidays in the window', () => {
    const t = orderTiming(purchase({ purchasedAt: '2018-03-29T15:00:00-03:00' }), 14);
    expect(isoFromDay(t.dispatchDay)).toBe('2018-04-02');
    const h = historyFeatures(new LaneHistory(), purchase(), t.purchaseMs);
    expect(rawNumeric(purchase(), t, h, 5)[col('holidays_origin_7d')]).toBe(1);
    expect(rawNumeric(purchase(), t, h, 5)[col('dispatch_delay_days')]).toBe(4);
  });

  it('measures the target on the customer calendar: a delivery at 01:00 UTC is the evening before in Manaus', () => {
    const [row] = labelRows([delivered('2018-03-14T01:00:00Z', { destinationRegion: 'AM', customerTimeZone: 'America/Manaus' })], 14);
    expect(isoFromDay(row!.actualDay)).toBe('2018-03-13');
    expect(row!.transit).toBe(6);
  });
});

describe('categories and encoding', () => {
  it('puts unseen, rare and empty categories in the unknown bucket', () => {
    const spec = specFor();
    expect(spec.vocab.category).toEqual(['<unknown>', 'books']);
    expect(categoricalIndices(spec, purchase({ category: 'Books ' }))[4]).toBe(1);
    expect(categoricalIndices(spec, purchase({ category: 'toys' }))[4]).toBe(0);
    expect(categoricalIndices(spec, purchase({ category: 'never-seen' }))[4]).toBe(0);
    expect(categoricalIndices(spec, purchase({ category: undefined }))[4]).toBe(0);
  });

  it('encodes to a fixed width with one hot per vocabulary and finite numbers for missing fields', () => {
    const spec = specFor();
    const input = purchase({ weightGrams: undefined, freightCost: undefined, originPostcode: undefined, category: 'x' });
    const t = orderTiming(input, 14);
    const v = encode(spec, input, t, historyFeatures(new LaneHistory(), input, t.purchaseMs));
    expect(v.length).toBe(featureWidth(spec));
    expect([...v].every(Number.isFinite)).toBe(true);
    const hots = [...v.subarray(NUMERIC_NAMES.length)].filter((x) => x === 1).length;
    expect(hots).toBe(1 + 5);
  });

  it('normalises to zero mean and unit deviation (a constant column keeps std 1)', () => {
    const raw = [[1, 5], [3, 5]].map((r) => [...r, ...new Array(NUMERIC_NAMES.length - 2).fill(2)]);
    const { mean, std } = fitNormalisation(raw);
    expect(mean.slice(0, 2)).toEqual([2, 5]);
    expect(std.slice(0, 2)).toEqual([1, 1]);
  });
});

describe('lane history: no look-ahead', () => {
  const lane = (deliveredAt: string, purchasedAt: string) => delivered(deliveredAt, { purchasedAt });

  it('counts only deliveries completed before the purchase moment', () => {
    const rows = labelRows(
      [
        lane('2018-03-01T10:00:00-03:00', '2018-02-20T10:00:00-03:00'),
        lane('2018-03-05T11:59:00-03:00', '2018-02-26T10:00:00-03:00'),
        lane('2018-03-05T12:01:00-03:00', '2018-02-27T10:00:00-03:00'),
        lane('2018-03-20T10:00:00-03:00', '2018-03-05T12:00:00-03:00'),
      ],
      14,
    );
    const h = historiesOf(rows, 56);
    expect(h[3]!.lane.recentCount).toBe(2);
    expect(h[3]!.lane.recentMean).toBeCloseTo((rows[0]!.transit + rows[1]!.transit) / 2);
    expect(h[0]!.lane.allCount).toBe(0);
  });

  it('leaves earlier purchases untouched when a later-completed delivery changes', () => {
    const base = [
      lane('2018-03-01T10:00:00-03:00', '2018-02-20T10:00:00-03:00'),
      lane('2018-03-10T10:00:00-03:00', '2018-03-02T10:00:00-03:00'),
      lane('2018-03-30T10:00:00-03:00', '2018-03-05T10:00:00-03:00'),
    ];
    const slower = [...base.slice(0, 2), lane('2018-04-30T10:00:00-03:00', '2018-03-05T10:00:00-03:00')];
    const a = historiesOf(labelRows(base, 14), 56);
    const b = historiesOf(labelRows(slower, 14), 56);
    expect(b).toEqual(a);
    // The control: a delivery completed before a purchase does move its features.
    const earlier = [lane('2018-03-02T09:00:00-03:00', '2018-02-20T10:00:00-03:00'), ...base.slice(1)];
    expect(historiesOf(labelRows(earlier, 14), 56)[1]).not.toEqual(a[1]);
  });

  it('forgets deliveries older than the window but keeps them in the all-time figures', () => {
    const h = new LaneHistory(7);
    h.add({ keys: ['k'], completedMs: Date.parse('2018-03-01T00:00:00Z'), transit: 4 });
    h.add({ keys: ['k'], completedMs: Date.parse('2018-03-09T00:00:00Z'), transit: 8 });
    const s = h.stats('k', Date.parse('2018-03-10T00:00:00Z'));
    expect(s).toEqual({ recentCount: 1, recentMean: 8, allCount: 2, allMean: 6 });
    const restored = LaneHistory.fromSnapshot(h.snapshot()).stats('k', Date.parse('2018-03-10T00:00:00Z'));
    expect(restored).toEqual(s);
  });
});

describe('lane history restored from a snapshot', () => {
  it('leaves out restored deliveries completed after the moment asked about, and keeps order with new ones', () => {
    const h = new LaneHistory(30);
    h.add({ keys: ['k'], completedMs: Date.parse('2018-03-01T00:00:00Z'), transit: 4 });
    h.add({ keys: ['k'], completedMs: Date.parse('2018-03-20T00:00:00Z'), transit: 10 });
    const restored = LaneHistory.fromSnapshot(h.snapshot());
    expect(restored.stats('k', Date.parse('2018-03-10T00:00:00Z'))).toEqual({ recentCount: 1, recentMean: 4, allCount: 1, allMean: 4 });
    restored.add({ keys: ['k'], completedMs: Date.parse('2018-03-12T00:00:00Z'), transit: 6 });
    expect(restored.stats('k', Date.parse('2018-03-15T00:00:00Z'))).toEqual({ recentCount: 2, recentMean: 5, allCount: 2, allMean: 5 });
    expect(restored.stats('k', Date.parse('2018-03-21T00:00:00Z'))).toMatchObject({ recentCount: 3, allCount: 3 });
  });
});

describe('handling time and carrier leg history', () => {
  const order = (purchasedAt: string, handedOverAt: string, deliveredAt: string) => ({ ...delivered(deliveredAt, { purchasedAt }), handedOverAt });

  it('counts a seller handling time from the hand-over moment, before the delivery completes, never earlier', () => {
    const rows = labelRows(
      [
        // Monday purchase, handed over Wednesday (2 business days of handling), delivered the next week.
        order('2018-03-05T10:00:00-03:00', '2018-03-07T15:00:00-03:00', '2018-03-14T10:00:00-03:00'),
        // Purchased after that hand-over but before the delivery: sees the handling, not the transit.
        order('2018-03-08T10:00:00-03:00', '2018-03-09T10:00:00-03:00', '2018-03-15T10:00:00-03:00'),
        // Purchased before the first hand-over: sees neither.
        order('2018-03-07T09:00:00-03:00', '2018-03-08T10:00:00-03:00', '2018-03-16T10:00:00-03:00'),
      ],
      14,
    );
    expect(rows.map((r) => r.handling)).toEqual([2, 1, 1]);
    const h = historiesOf(rows, 56);
    const byPurchase = (iso: string) => h[rows.findIndex((r) => r.delivery.input.purchasedAt === iso)]!;
    const second = byPurchase('2018-03-08T10:00:00-03:00');
    expect(second.sellerHandling).toMatchObject({ recentCount: 1, recentMean: 2 });
    expect(second.seller.recentCount).toBe(0);
    expect(second.laneLeg.recentCount).toBe(0);
    expect(byPurchase('2018-03-07T09:00:00-03:00').sellerHandling.recentCount).toBe(0);
    const raw = rawNumeric(rows[1]!.delivery.input, rows[1]!.timing, second, 5);
    expect(raw[col('seller_handling_recent')]).toBe(2);
    expect(raw[col('seller_handling_log_n')]).toBeCloseTo(Math.log(2));
  });

  it('counts the carrier leg (hand-over → delivery) of a lane once the delivery is complete', () => {
    const rows = labelRows(
      [
        order('2018-03-05T10:00:00-03:00', '2018-03-06T15:00:00-03:00', '2018-03-09T10:00:00-03:00'),
        order('2018-03-12T10:00:00-03:00', '2018-03-13T15:00:00-03:00', '2018-03-20T10:00:00-03:00'),
      ],
      14,
    );
    expect(rows[0]!.afterPickup).toBe(3);
    expect(historiesOf(rows, 56)[1]!.laneLeg).toMatchObject({ recentCount: 1, recentMean: 3 });
  });
});

describe('distance between states', () => {
  it('measures the great-circle distance between Brazilian state capitals, unknown elsewhere', () => {
    expect(regionDistanceKm('BR', 'SP', 'BR', 'RJ')).toBeGreaterThan(330);
    expect(regionDistanceKm('BR', 'SP', 'BR', 'RJ')).toBeLessThan(380);
    expect(regionDistanceKm('BR', 'RS', 'BR', 'RR')).toBeGreaterThan(3500);
    expect(regionDistanceKm('BR', 'SP', 'BR', 'SP')).toBe(0);
    expect(regionDistanceKm('US', 'CA', 'US', 'NY')).toBeUndefined();
    expect(regionDistanceKm('BR', undefined, 'BR', 'RJ')).toBeUndefined();
  });

  it('feeds the log distance and a known flag to the model (zero and 0 when unknown)', () => {
    const input = purchase();
    const t = orderTiming(input, 14);
    const raw = rawNumeric(input, t, historyFeatures(new LaneHistory(), input, t.purchaseMs), 5);
    expect(raw[col('region_distance_known')]).toBe(1);
    expect(raw[col('region_distance_log_km')]).toBeCloseTo(Math.log1p(regionDistanceKm('BR', 'SP', 'BR', 'RJ')!));
    const foreign = purchase({ originCountry: 'US', originRegion: 'CA', destinationCountry: 'US', destinationRegion: 'NY' });
    const raw2 = rawNumeric(foreign, orderTiming(foreign, 14), historyFeatures(new LaneHistory(), foreign, t.purchaseMs), 5);
    expect([raw2[col('region_distance_log_km')], raw2[col('region_distance_known')]]).toEqual([0, 0]);
  });
});
