import { tf } from './tf-runtime.js';

/**
 * Several quantile nets of the same shape merged into ONE Dense stack whose output is their average: the
 * first layers side by side (kernels concatenated along the units), the deeper hidden layers block-diagonal
 * (each net's units see only its own), the output kernels stacked and divided by the count. ReLU acts per
 * unit, so the merged net computes exactly the mean of the members: the artifact stays one TF.js Sequential
 * of Dense layers, served by the same plain-JS forward pass.
 */
export function mergeNets(members: tf.LayersModel[]): tf.Sequential {
  if (members.length === 0) throw new Error('an ensemble needs at least one net');
  const weights = members.map((m) => m.getWeights().map((w) => ({ shape: w.shape, data: w.dataSync() as Float32Array })));
  const n = members.length;
  const layerCount = weights[0]!.length / 2;
  const merged = tf.sequential();
  const created: tf.Tensor[] = [];
  for (let l = 0; l < layerCount; l += 1) {
    const kernels = weights.map((w) => w[2 * l]!);
    const biases = weights.map((w) => w[2 * l + 1]!);
    const [inputs, units] = kernels[0]!.shape as [number, number];
    const last = l === layerCount - 1;
    const inWidth = l === 0 ? inputs : inputs * n;
    const outWidth = last ? units : units * n;
    const kernel = new Float32Array(inWidth * outWidth);
    const bias = new Float32Array(outWidth);
    kernels.forEach((k, m) => {
      for (let i = 0; i < inputs; i += 1) {
        for (let u = 0; u < units; u += 1) {
          const row = l === 0 ? i : m * inputs + i;
          const col = last ? u : m * units + u;
          kernel[row * outWidth + col] = last ? k.data[i * units + u]! / n : k.data[i * units + u]!;
        }
      }
      for (let u = 0; u < units; u += 1) {
        if (last) bias[u]! += biases[m]!.data[u]! / n;
        else bias[m * units + u] = biases[m]!.data[u]!;
      }
    });
    const initial = [tf.tensor2d(kernel, [inWidth, outWidth]), tf.tensor1d(bias)];
    created.push(...initial);
    merged.add(tf.layers.dense({ units: outWidth, activation: last ? 'linear' : 'relu', ...(l === 0 ? { inputShape: [inWidth] } : {}), weights: initial }));
  }
  tf.dispose(created);
  return merged;
}
