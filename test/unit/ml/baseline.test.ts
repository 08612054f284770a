import { describe, expect, it } from 'vitest';
import { baselineQuantiles, fitBaseline, type TransitSample } from '../../../ml/baseline.js';
import { MEDIAN_INDEX, QUANTILE_LEVELS, meanPinball, pinball, quantilesOf } from '../../../ml/quantiles.js';
import { purchase } from './fixtures.js';

const samples = (n: number, transit: number, over = {}): TransitSample[] =>
  Array.from({ length: n }, () => ({ input: purchase(over), transit }));

describe('per-lane baseline with shrinkage', () => {
  const busy = samples(400, 3);
  const rare = samples(4, 20, { destinationRegion: 'AM' });
  const other = samples(200, 8, { originRegion: 'PR', destinationRegion: 'BA' });
  const table = fitBaseline([...busy, ...rare, ...other], 20);

  it('lets a busy lane speak for itself', () => {
    expect(baselineQuantiles(table, purchase())[MEDIAN_INDEX]).toBeCloseTo(3, 0);
  });

  it('shrinks a lane with few deliveries toward its carrier figures', () => {
    const carrierMedian = table.carriers['correios|standard']!.q[MEDIAN_INDEX]!;
    const rareMedian = baselineQuantiles(table, purchase({ destinationRegion: 'AM' }))[MEDIAN_INDEX]!;
    expect(rareMedian).toBeLessThan(20);
    expect(rareMedian).toBeGreaterThan(carrierMedian);
    expect(rareMedian).toBeCloseTo((4 / 24) * 20 + (20 / 24) * carrierMedian, 6);
  });

  it('uses the carrier for an unseen lane and the global figures for an unseen carrier', () => {
    expect(baselineQuantiles(table, purchase({ destinationRegion: 'RS' }))).toEqual(table.carriers['correios|standard']!.q);
    expect(baselineQuantiles(table, purchase({ carrier: 'dhl' }))).toEqual(table.global);
  });

  it('refuses to fit on nothing', () => {
    expect(() => fitBaseline([])).toThrow(/no deliveries/);
  });
});

describe('quantiles and pinball loss', () => {
  it('computes interpolated quantiles at every level', () => {
    const q = quantilesOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(q).toHaveLength(QUANTILE_LEVELS.length);
    expect(q[MEDIAN_INDEX]).toBe(6);
    expect(q[0]).toBe(2);
  });

  it('charges under-prediction by the level and over-prediction by one minus it', () => {
    expect(pinball(0.9, 10, 8)).toBeCloseTo(1.8);
    expect(pinball(0.9, 8, 10)).toBeCloseTo(0.2);
    expect(meanPinball(5, new Array(QUANTILE_LEVELS.length).fill(5))).toBe(0);
  });
});
