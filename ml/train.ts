import { fitBaseline, type TransitSample } from './baseline.js';
import { isoFromDay } from './calendar-day.js';
import { baselineRows, calibratePromise, calibrateRange, chooseServing } from './calibrate.js';
import { DenseNet, type TfModelJson } from './dense-net.js';
import { mergeNets } from './ensemble.js';
import { Estimator } from './estimator.js';
import { evaluateRows } from './evaluate.js';
import { FEATURE_SCHEMA_VERSION, NUMERIC_NAMES, encode, featureWidth, fitNormalisation, fitVocabularies, historyFeatures, rawNumeric, type FeatureSpec, type HistoryFeatures } from './features.js';
import { HISTORY_WINDOW_DAYS, LaneHistory } from './lane-history.js';
import { addToHistory, labelRows, type LabelledRow } from './labelled-rows.js';
import type { EtaArtifact } from './artifact.js';
import type { CompletedDelivery } from './purchase-input.js';
import { QUANTILE_LEVELS, monotone } from './quantiles.js';
import { DEFAULT_NET_OPTIONS, trainNet, type EpochReport, type NetOptions } from './quantile-net.js';
import { tf, tfReady, type TfBackendName } from './tf-runtime.js';

/** Training settings; every field has a default. */
export interface TrainConfig {
  /** Shop's dispatch cut-off hour (local): orders at or after it leave the next business day. */
  cutoffHour: number;
  /** Shares of the time-ordered rows for validation (early stopping, calibration) and test (reported metrics). */
  validationShare: number;
  testShare: number;
  /**
   * Promise late-rate ceiling on validation. Unset: the platform promise's late rate on the same rows when the
   * data has one (late no more often than the platform), else {@link DEFAULT_LATE_RATE}. Set: the lower of it
   * and the platform's.
   */
  lateRateTarget?: number;
  /** Transit targets above this many business days are clipped in training (lost parcels are not a pattern). */
  maxTransit: number;
  targetScale: number;
  net: NetOptions;
  /** Nets trained with seeds net.seed, net.seed + 1, …, each with early stopping, served as their average. */
  ensemble: number;
  /**
   * Refit the nets on train + validation (each for the epochs its early-stopped twin took) and serve those;
   * the promise, range and lane choices stay the ones made on validation with the early-stopped nets.
   */
  refit: boolean;
  /**
   * Recency weighting: a training row's weight halves every this many days before the last training purchase
   * (each epoch draws rows in proportion); undefined = every row alike.
   */
  recencyHalfLifeDays?: number;
  backend: TfBackendName;
  dataLabel: string;
  /** Version name of the artifact; default from the clock. */
  version?: string;
  log: (line: string) => void;
  onEpoch?: (r: EpochReport) => void;
}

/** The promise's late-rate ceiling when neither the data nor the caller gives one. */
export const DEFAULT_LATE_RATE = 0.05;

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  cutoffHour: 14,
  validationShare: 0.15,
  testShare: 0.15,
  maxTransit: 60,
  targetScale: 10,
  net: DEFAULT_NET_OPTIONS,
  ensemble: 3,
  refit: false,
  backend: 'wasm',
  dataLabel: 'csv',
  log: () => {},
};

/** Lane-history features of each row as of its purchase: one sweep in purchase order (no look-ahead). */
export function historiesOf(rows: LabelledRow[], windowDays: number): HistoryFeatures[] {
  const history = addToHistory(new LaneHistory(windowDays), rows);
  return rows.map((row) => historyFeatures(history, row.delivery.input, row.timing.purchaseMs));
}

/** Train the model and its baseline on past deliveries; returns the artifact (not yet saved). */
export async function trainEta(deliveries: CompletedDelivery[], partial: Partial<TrainConfig> = {}): Promise<EtaArtifact> {
  const cfg = { ...DEFAULT_TRAIN_CONFIG, ...partial };
  const started = performance.now();
  const backend = await tfReady(cfg.backend);
  const rows = labelRows(deliveries, cfg.cutoffHour);
  const nTest = Math.floor(rows.length * cfg.testShare);
  const nVal = Math.floor(rows.length * cfg.validationShare);
  const nTrain = rows.length - nVal - nTest;
  if (nTrain < 50 || nVal < 20) throw new Error(`need more deliveries to train (got ${rows.length})`);
  const train = rows.slice(0, nTrain);
  const val = rows.slice(nTrain, nTrain + nVal);
  const test = rows.slice(nTrain + nVal);
  cfg.log(`rows: ${rows.length} (train ${nTrain}, validation ${nVal}, test ${nTest}), purchases ${isoFromDay(rows[0]!.timing.purchaseDay)} → ${isoFromDay(rows.at(-1)!.timing.purchaseDay)}`);

  const fallbackTransit = train.reduce((s, r) => s + r.transit, 0) / train.length;
  const base = { version: FEATURE_SCHEMA_VERSION, cutoffHour: cfg.cutoffHour, historyWindowDays: HISTORY_WINDOW_DAYS, vocab: fitVocabularies(train.map((r) => r.delivery)), numericNames: NUMERIC_NAMES, fallbackTransit };
  const histories = historiesOf(rows, base.historyWindowDays);
  const raw = train.map((row, i) => rawNumeric(row.delivery.input, row.timing, histories[i]!, fallbackTransit));
  const spec: FeatureSpec = { ...base, ...fitNormalisation(raw) };
  const width = featureWidth(spec);
  const matrix = (part: LabelledRow[], from: number) => {
    const x = new Float32Array(part.length * width);
    const y = new Float32Array(part.length);
    part.forEach((row, i) => {
      encode(spec, row.delivery.input, row.timing, histories[from + i]!, x.subarray(i * width, (i + 1) * width));
      y[i] = Math.min(row.transit, cfg.maxTransit) / cfg.targetScale;
    });
    return { x, y };
  };
  const tr = matrix(train, 0);
  const va = matrix(val, nTrain);
  cfg.log(`features: ${width} columns; training on ${backend}`);

  const rowWeights = cfg.recencyHalfLifeDays ? recencyWeights(train.map((r) => r.timing.purchaseDay), cfg.recencyHalfLifeDays) : undefined;
  if (rowWeights) cfg.log(`recency weighting: half-life ${cfg.recencyHalfLifeDays} days, oldest row's weight ${rowWeights[0]!.toExponential(2)}`);
  const early = await fitEnsemble(cfg, { ...tr, w: rowWeights }, va, width);
  let { net, modelJson, weights } = early;
  let epochs = early.epochs.reduce((a, b) => a + b, 0);

  const trainBaseline = fitBaseline(train.map((r): TransitSample => ({ input: r.delivery.input, transit: r.transit })));
  const valModelQ = val.map((_, i) => monotone(Array.from(net.predict(va.x.subarray(i * width, (i + 1) * width)), (v) => Math.max(0, v * cfg.targetScale))));
  const serving = chooseServing(val, valModelQ, trainBaseline);
  cfg.log(`validation pinball: model ${serving.modelLoss.toFixed(3)}, baseline ${serving.baselineLoss.toFixed(3)} business days; baseline serves ${serving.model ? serving.baselineLanes.length : 'all'} lanes`);
  const platformVal = val.filter((r) => r.platformDay !== undefined);
  const platformLate = platformVal.length ? platformVal.filter((r) => r.actualDay > r.platformDay!).length / platformVal.length : undefined;
  const lateRateTarget = Math.min(cfg.lateRateTarget ?? platformLate ?? DEFAULT_LATE_RATE, platformLate ?? Infinity);
  const valBaselineQ = baselineRows(val, trainBaseline);
  const promise = {
    model: calibratePromise(val, valModelQ, lateRateTarget),
    baseline: calibratePromise(val, valBaselineQ, lateRateTarget),
  };
  const range = { model: calibrateRange(val, valModelQ), baseline: calibrateRange(val, valBaselineQ) };
  const parts = { featureSpec: spec, targetScale: cfg.targetScale, serving: { model: serving.model, baselineLanes: serving.baselineLanes }, promise, range };

  // The same figures on validation (what every choice here was made on) beside the test ones.
  const validationMetrics = evaluateRows(new Estimator({ ...parts, baseline: trainBaseline }, net), val, addToHistory(new LaneHistory(spec.historyWindowDays), train));
  cfg.log(`validation (${nVal} purchases before the test's): ${JSON.stringify(validationMetrics)}`);
  if (cfg.refit) {
    cfg.log(`refitting on train + validation (${nTrain + nVal} rows), epochs ${early.epochs.join('/')}`);
    const both = matrix(rows.slice(0, nTrain + nVal), 0);
    const refit = await fitEnsemble(cfg, both, { x: new Float32Array(0), y: new Float32Array(0) }, width, early.epochs);
    ({ net, modelJson, weights } = refit);
    epochs += refit.epochs.reduce((a, b) => a + b, 0);
  }
  const historyBeforeTest = addToHistory(new LaneHistory(spec.historyWindowDays), rows.slice(0, nTrain + nVal));
  const metrics = evaluateRows(new Estimator({ ...parts, baseline: trainBaseline }, net), test, historyBeforeTest);
  cfg.log(`test (last ${nTest} purchases): ${JSON.stringify(metrics)}`);

  const all = (pick: (r: LabelledRow) => number | undefined): TransitSample[] =>
    rows.flatMap((r) => (pick(r) === undefined ? [] : [{ input: r.delivery.input, transit: pick(r)! }]));
  const pickupSamples = all((r) => r.afterPickup);
  const history = addToHistory(new LaneHistory(spec.historyWindowDays), rows);
  const createdAt = new Date();
  return {
    modelJson,
    weights,
    metadata: {
      format: 'order-tracking-eta',
      version: cfg.version ?? `eta-${createdAt.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`,
      createdAt: createdAt.toISOString(),
      quantileLevels: [...QUANTILE_LEVELS],
      ...parts,
      baseline: fitBaseline(all((r) => r.transit)),
      ...(pickupSamples.length ? { afterPickup: fitBaseline(pickupSamples) } : {}),
      history: history.snapshot(),
      training: {
        rows: rows.length,
        trainRows: nTrain,
        validationRows: nVal,
        testRows: nTest,
        from: isoFromDay(rows[0]!.timing.purchaseDay),
        to: isoFromDay(rows.at(-1)!.timing.purchaseDay),
        epochs,
        nets: cfg.ensemble,
        backend,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        dataLabel: cfg.dataLabel,
        lateRateTarget,
      },
      validation: { modelLoss: serving.modelLoss, baselineLoss: serving.baselineLoss, metrics: validationMetrics },
      metrics,
    },
  };
}

interface Matrix {
  x: Float32Array;
  y: Float32Array;
  /** Per-row sampling weights (recency); absent = uniform. */
  w?: Float32Array;
}

/** Weight of each row: 0.5^(days before the newest row / half-life). */
export function recencyWeights(days: number[], halfLifeDays: number): Float32Array {
  const newest = Math.max(...days);
  return Float32Array.from(days, (d) => 0.5 ** ((newest - d) / halfLifeDays));
}

/**
 * Train the ensemble's nets (early-stopped on `va`, or for `fixedEpochs[m]` epochs when given) and merge
 * them into one Dense stack; returns it as saved files and as the plain-JS net, with each net's epochs
 * (best epoch when early-stopped).
 */
async function fitEnsemble(cfg: TrainConfig, tr: Matrix, va: Matrix, width: number, fixedEpochs?: number[]) {
  const members: tf.Sequential[] = [];
  const epochs: number[] = [];
  for (let m = 0; m < cfg.ensemble; m += 1) {
    const options = { ...cfg.net, seed: cfg.net.seed + m, ...(fixedEpochs ? { epochs: Math.max(1, fixedEpochs[m]!) } : {}) };
    const fitted = await trainNet(tr.x, tr.y, va.x, va.y, width, options, (r) => {
      cfg.log(`net ${m + 1}/${cfg.ensemble} epoch ${r.epoch}: loss ${r.loss.toFixed(4)}${fixedEpochs ? '' : ` validation ${r.valLoss.toFixed(4)}${r.best ? ' *' : ''}`}`);
      if (m === 0 && !fixedEpochs) cfg.onEpoch?.(r);
    }, tr.w);
    members.push(fitted.model);
    epochs.push(fitted.bestEpoch);
  }
  const model = mergeNets(members);
  members.forEach((m) => m.dispose());
  let modelJson: TfModelJson | undefined;
  let weights: ArrayBuffer | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData;
      weights = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      modelJson = { modelTopology: a.modelTopology as TfModelJson['modelTopology'], weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }] };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return { net: DenseNet.fromTfArtifact(modelJson!, weights!), modelJson, weights, epochs };
}
