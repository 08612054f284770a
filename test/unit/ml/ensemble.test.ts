import { describe, expect, it } from 'vitest';
import { mergeNets } from '../../../ml/ensemble.js';
import { DEFAULT_NET_OPTIONS, buildNet, permutation, seededRandom, trainNet } from '../../../ml/quantile-net.js';
import { tf, tfReady } from '../../../ml/tf-runtime.js';

const WIDTH = 6;

/** A small regression set: y depends on two of the columns (deterministic for a seed). */
function dataset(n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const random = seededRandom(seed);
  const x = new Float32Array(n * WIDTH).map(() => random() * 2 - 1);
  const y = new Float32Array(n).map((_, i) => 0.5 + 0.3 * x[i * WIDTH]! - 0.2 * x[i * WIDTH + 1]! + 0.1 * random());
  return { x, y };
}

const predict = (model: tf.LayersModel, x: Float32Array) => tf.tidy(() => (model.predict(tf.tensor2d(x, [x.length / WIDTH, WIDTH])) as tf.Tensor).arraySync() as number[][]);

describe('seeded training', () => {
  it('shuffles with a seeded permutation of every index', () => {
    const p = permutation(50, seededRandom(3));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...p]).toEqual([...permutation(50, seededRandom(3))]);
    expect([...p]).not.toEqual([...permutation(50, seededRandom(4))]);
  });

  it('gives the same weights for the same data and seed, other weights for another seed', async () => {
    await tfReady('wasm');
    const train = dataset(600, 1);
    const val = dataset(200, 2);
    const options = { ...DEFAULT_NET_OPTIONS, hidden: [8, 4], epochs: 4, batchSize: 64 };
    const fit = async (seed: number) => {
      const { model } = await trainNet(train.x, train.y, val.x, val.y, WIDTH, { ...options, seed });
      const w = model.getWeights().map((t) => Array.from(t.dataSync()));
      model.dispose();
      return w;
    };
    const a = await fit(5);
    expect(await fit(5)).toEqual(a);
    expect(await fit(6)).not.toEqual(a);
  }, 60_000);

  it('without validation rows trains exactly the given epochs (the refit on train + validation)', async () => {
    await tfReady('wasm');
    const train = dataset(300, 1);
    const seen: number[] = [];
    const empty = new Float32Array(0);
    const fitted = await trainNet(train.x, train.y, empty, empty, WIDTH, { ...DEFAULT_NET_OPTIONS, hidden: [8, 4], epochs: 3, batchSize: 64, patience: 1 }, (r) => seen.push(r.epoch));
    expect(seen).toEqual([1, 2, 3]);
    expect(fitted.bestEpoch).toBe(3);
    fitted.model.dispose();
  }, 60_000);
});

describe('ensemble merged into one net', () => {
  it('outputs exactly the mean of its members', async () => {
    await tfReady('wasm');
    const members = [1, 2, 3].map((seed) => buildNet(WIDTH, { ...DEFAULT_NET_OPTIONS, hidden: [5, 4], seed }));
    const merged = mergeNets(members);
    expect(merged.layers.map((l) => (l.getWeights()[0]!.shape as number[]).join('x'))).toEqual(['6x15', '15x12', '12x7']);
    const { x } = dataset(10, 9);
    const each = members.map((m) => predict(m, x));
    const got = predict(merged, x);
    got.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo((each[0]![i]![k]! + each[1]![i]![k]! + each[2]![i]![k]!) / 3, 5)));
    // The members differ (different seeds), so the mean is not any one of them.
    expect(each[0]![0]![0]).not.toBeCloseTo(each[1]![0]![0]!, 3);
    [...members, merged].forEach((m) => m.dispose());
  });

  it('refuses an empty ensemble', () => {
    expect(() => mergeNets([])).toThrow(/at least one/);
  });
});
