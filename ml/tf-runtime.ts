import * as tf from '@tensorflow/tfjs';

export type TfBackendName = 'cpu' | 'wasm';

// Before any tensor exists: production mode skips debug checks and the "install tfjs-node" banner.
tf.enableProdMode();

let ready: Promise<string> | undefined;

/**
 * TensorFlow.js for training: pure JS (`cpu`) or the WASM backend (`wasm`, SIMD; usually faster on a
 * small MLP). `@tensorflow/tfjs-node` is never required: it downloads a native library at install time.
 */
export function tfReady(backend: TfBackendName = 'cpu'): Promise<string> {
  ready ??= (async () => {
    if (backend === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs WASM backend did not initialise');
    } else {
      await tf.setBackend('cpu');
    }
    await tf.ready();
    return tf.getBackend();
  })();
  return ready;
}

export { tf };
