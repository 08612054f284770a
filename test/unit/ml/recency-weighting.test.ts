import { describe, expect, it } from 'vitest';
import { DEFAULT_NET_OPTIONS, seededRandom, trainNet, weightedSample } from '../../../ml/quantile-net.js';
import { MEDIAN_INDEX } from '../../../ml/quantiles.js';
import { tf, tfReady } from '../../../ml/tf-runtime.js';
import { recencyWeights } from '../../../ml/train.js';

describe('recency weighting (train:eta --half-life)', () => {
  it('halves a row\'s weight every half-life before the newest row', () => {
    const w = recencyWeights([100, 70, 40, 100, 10], 30);
    expect(Array.from(w)).toEqual([1, 0.5, 0.25, 1, 0.125].map((v) => Math.fround(v)));
  });

  it('draws rows in proportion to their weights, seeded, and never a zero-weight row', () => {
    const weights = [0, 1, 3, 0, 6];
    const draw = weightedSample(weights, 20_000, seededRandom(5));
    const counts = [0, 0, 0, 0, 0];
    for (const i of draw) counts[i]! += 1;
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[1]! / 20_000).toBeCloseTo(0.1, 1);
    expect(counts[2]! / 20_000).toBeCloseTo(0.3, 1);
    expect(counts[4]! / 20_000).toBeCloseTo(0.6, 1);
    expect([...weightedSample(weights, 50, seededRandom(5))]).toEqual([...draw.subarray(0, 50)]);
    expect([...weightedSample(weights, 50, seededRandom(6))]).not.toEqual([...draw.subarray(0, 50)]);
  });

  it('refuses weights that are all zero', () => {
    expect(() => weightedSample([0, 0], 3, seededRandom(1))).toThrow(/positive weight/);
  });

  it('trains toward the heavily weighted rows: their level moves the predicted median', async () => {
    await tfReady('wasm');
    // Same inputs, two regimes: the older half at 0.2, the newer at 0.8 (scaled transit).
    const n = 600;
    const random = seededRandom(2);
    const x = new Float32Array(n * 2).map(() => random());
    const y = new Float32Array(n).map((_, i) => (i < n / 2 ? 0.2 : 0.8));
    const newer = Float32Array.from(y, (_, i) => (i < n / 2 ? 0.01 : 1));
    const older = Float32Array.from(y, (_, i) => (i < n / 2 ? 1 : 0.01));
    const empty = new Float32Array(0);
    const options = { ...DEFAULT_NET_OPTIONS, hidden: [8], epochs: 30, batchSize: 64, learningRate: 0.02, seed: 3 };
    const median = async (w: Float32Array) => {
      const { model } = await trainNet(x, y, empty, empty, 2, options, undefined, w);
      const out = tf.tidy(() => (model.predict(tf.tensor2d(x, [n, 2])) as tf.Tensor).arraySync() as number[][]);
      model.dispose();
      return out.reduce((s, row) => s + row[MEDIAN_INDEX]!, 0) / n;
    };
    expect(await median(newer)).toBeGreaterThan(0.65);
    expect(await median(older)).toBeLessThan(0.35);
  }, 60_000);
});
