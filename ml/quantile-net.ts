import { QUANTILE_LEVELS } from './quantiles.js';
import { tf } from './tf-runtime.js';
import { seededRandom } from '../src/util/seeded-random.js';

/** Re-exported: the training's shuffles and initial weights are seeded with it. */
export { seededRandom };

/** Shape and optimisation of the quantile network (a small MLP: the data is tabular and modest). */
export interface NetOptions {
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without a better validation loss before stopping (early stopping; best weights are kept). */
  patience: number;
  l2: number;
  seed: number;
}

export const DEFAULT_NET_OPTIONS: NetOptions = {
  hidden: [64, 32],
  epochs: 60,
  batchSize: 256,
  learningRate: 0.003,
  patience: 6,
  l2: 1e-5,
  seed: 7,
};

/** Progress of one epoch (train and validation pinball loss, in scaled target units). */
export interface EpochReport {
  epoch: number;
  loss: number;
  valLoss: number;
  best: boolean;
}

let levels: tf.Tensor1D | undefined;

/** Mean pinball loss over the quantile outputs; the target is repeated across the output columns. */
export function pinballLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  levels ??= tf.keep(tf.tensor1d([...QUANTILE_LEVELS]));
  const LEVELS = levels;
  return tf.tidy(() => {
    const diff = tf.sub(yTrue, yPred);
    return tf.mean(tf.maximum(tf.mul(LEVELS, diff), tf.mul(tf.sub(LEVELS, 1), diff)));
  });
}

export function buildNet(inputWidth: number, o: NetOptions): tf.Sequential {
  const model = tf.sequential();
  o.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        ...(i === 0 ? { inputShape: [inputWidth] } : {}),
        kernelInitializer: tf.initializers.heNormal({ seed: o.seed + i }),
        kernelRegularizer: tf.regularizers.l2({ l2: o.l2 }),
      }),
    );
  });
  model.add(tf.layers.dense({ units: QUANTILE_LEVELS.length, kernelInitializer: tf.initializers.glorotNormal({ seed: o.seed + 99 }) }));
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: pinballLoss });
  return model;
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, random: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i += 1) p[i] = i;
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * Row indices drawn with replacement, each row with probability proportional to its weight (seeded): how the
 * recency weighting reaches the net, since TF.js's fit takes no per-row weights. Same weights and random
 * sequence give the same draw.
 */
export function weightedSample(weights: ArrayLike<number>, n: number, random: () => number): Int32Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) cumulative[i] = total += Math.max(0, weights[i]!);
  if (!(total > 0)) throw new Error('weightedSample needs a positive weight');
  const out = new Int32Array(n);
  for (let k = 0; k < n; k += 1) {
    const u = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[k] = lo;
  }
  return out;
}

/** The target column repeated once per quantile output. */
function targets(y: Float32Array): tf.Tensor2D {
  const q = QUANTILE_LEVELS.length;
  const out = new Float32Array(y.length * q);
  for (let i = 0; i < y.length; i += 1) out.fill(y[i]!, i * q, i * q + q);
  return tf.tensor2d(out, [y.length, q]);
}

/**
 * Train with early stopping on the (later, time-ordered) validation rows; the weights of the best
 * validation epoch are restored at the end. With no validation rows it trains exactly `o.epochs` epochs and
 * keeps the last weights (the refit on train + validation, its epoch count chosen by an earlier run).
 * `sampleWeights` (one per training row) make each epoch a weighted draw instead of a permutation.
 */
export async function trainNet(
  x: Float32Array,
  y: Float32Array,
  xVal: Float32Array,
  yVal: Float32Array,
  width: number,
  o: NetOptions,
  onEpoch?: (r: EpochReport) => void,
  sampleWeights?: Float32Array,
): Promise<{ model: tf.Sequential; epochs: number; bestEpoch: number; bestValLoss: number }> {
  const model = buildNet(width, o);
  const xs = tf.tensor2d(x, [y.length, width]);
  const ys = targets(y);
  const validate = yVal.length > 0;
  const xv = validate ? tf.tensor2d(xVal, [yVal.length, width]) : undefined;
  const yv = validate ? targets(yVal) : undefined;
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  let since = 0;
  let epochs = 0;
  const random = seededRandom(o.seed);
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch += 1) {
      // Shuffled here with a seeded permutation (TF.js's own shuffle uses Math.random): same data and
      // seed give the same weights, so runs can be compared and reproduced.
      // With weights, each epoch is a weighted draw of as many rows (with replacement) instead.
      const order = tf.tensor1d(sampleWeights ? weightedSample(sampleWeights, y.length, random) : permutation(y.length, random), 'int32');
      const xe = tf.gather(xs, order);
      const ye = tf.gather(ys, order);
      const h = await model.fit(xe, ye, { epochs: 1, batchSize: o.batchSize, shuffle: false, verbose: 0 });
      tf.dispose([order, xe, ye]);
      epochs = epoch;
      if (!xv || !yv) {
        onEpoch?.({ epoch, loss: Number(h.history.loss?.[0]), valLoss: Number.NaN, best: false });
        continue;
      }
      const valLoss = tf.tidy(() => pinballLoss(yv, model.predict(xv) as tf.Tensor).dataSync()[0]!);
      const improved = valLoss < best - 1e-6;
      if (improved) {
        best = valLoss;
        bestEpoch = epoch;
        bestWeights?.forEach((w) => w.dispose());
        bestWeights = model.getWeights().map((w) => w.clone());
        since = 0;
      } else since += 1;
      onEpoch?.({ epoch, loss: Number(h.history.loss?.[0]), valLoss, best: improved });
      if (since >= o.patience) break;
    }
    if (bestWeights) model.setWeights(bestWeights);
    return { model, epochs, bestEpoch: validate ? bestEpoch : epochs, bestValLoss: best };
  } finally {
    bestWeights?.forEach((w) => w.dispose());
    tf.dispose([xs, ys, ...(xv && yv ? [xv, yv] : [])]);
  }
}
