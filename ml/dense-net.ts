/**
 * The trained network evaluated in plain JS from its TF.js artifact (model.json + weights.bin): serving needs
 * no TensorFlow.js at all (the API and worker stay light) and one order takes microseconds instead of a
 * tensor round trip. Only what training builds is supported: a Sequential stack of Dense layers.
 */
export interface DenseLayer {
  inputs: number;
  units: number;
  /** Row-major [inputs][units], as TF.js stores a Dense kernel. */
  kernel: Float32Array;
  bias: Float32Array;
  activation: 'relu' | 'linear';
}

/** The parts of a TF.js `model.json` this reader uses. */
export interface TfModelJson {
  modelTopology: { config?: { layers?: { class_name: string; config: { units: number; activation?: string } }[] } };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}

export class DenseNet {
  /**
   * Per layer and input row, the span of columns whose weights are not zero: a merged ensemble's deeper
   * layers are block-diagonal, and skipping the zero blocks keeps its forward pass near one member's cost.
   */
  private readonly spans: Int32Array[];

  constructor(readonly layers: DenseLayer[]) {
    this.spans = layers.map((l) => {
      const span = new Int32Array(l.inputs * 2);
      for (let i = 0; i < l.inputs; i += 1) {
        let lo = 0;
        let hi = l.units;
        while (lo < hi && l.kernel[i * l.units + lo] === 0) lo += 1;
        while (hi > lo && l.kernel[i * l.units + hi - 1] === 0) hi -= 1;
        span[2 * i] = lo;
        span[2 * i + 1] = hi;
      }
      return span;
    });
  }

  get inputWidth(): number {
    return this.layers[0]!.inputs;
  }

  get outputWidth(): number {
    return this.layers[this.layers.length - 1]!.units;
  }

  /** Forward pass of one input vector. */
  predict(x: Float32Array): Float32Array {
    let a: Float32Array = x;
    this.layers.forEach((l, k) => {
      const span = this.spans[k]!;
      const out = new Float32Array(l.bias);
      for (let i = 0; i < l.inputs; i += 1) {
        const v = a[i]!;
        if (v === 0) continue;
        const row = i * l.units;
        const end = span[2 * i + 1]!;
        for (let j = span[2 * i]!; j < end; j += 1) out[j]! += v * l.kernel[row + j]!;
      }
      if (l.activation === 'relu') for (let j = 0; j < out.length; j += 1) if (out[j]! < 0) out[j] = 0;
      a = out;
    });
    return a;
  }

  /** Rebuild from a TF.js model.json and its weight bytes. */
  static fromTfArtifact(json: TfModelJson, weightData: ArrayBuffer): DenseNet {
    const layerConfigs = json.modelTopology.config?.layers ?? [];
    const specs = json.weightsManifest.flatMap((g) => g.weights);
    let offset = 0;
    let s = 0;
    const take = (expect: number[]) => {
      const spec = specs[s++];
      if (!spec || spec.dtype !== 'float32' || spec.shape.join() !== expect.join()) {
        throw new Error(`weights do not match the topology at ${spec?.name ?? `weight #${s}`}`);
      }
      const n = expect.reduce((a, b) => a * b, 1);
      const arr = new Float32Array(weightData.slice(offset, offset + n * 4));
      offset += n * 4;
      return arr;
    };
    const layers: DenseLayer[] = [];
    let inputs = specs[0]?.shape[0] ?? 0;
    for (const layer of layerConfigs) {
      if (layer.class_name !== 'Dense') throw new Error(`unsupported layer ${layer.class_name}`);
      const units = layer.config.units;
      const activation = layer.config.activation ?? 'linear';
      if (activation !== 'relu' && activation !== 'linear') throw new Error(`unsupported activation ${activation}`);
      layers.push({ inputs, units, kernel: take([inputs, units]), bias: take([units]), activation });
      inputs = units;
    }
    if (layers.length === 0 || offset !== weightData.byteLength) throw new Error('weights.bin does not match model.json');
    return new DenseNet(layers);
  }
}
