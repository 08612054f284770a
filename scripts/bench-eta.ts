/**
 * npm run bench:eta [-- --data <csv>]: training time of the ETA model and of the per-lane baseline on the same
 * rows, and prediction time per order (single calls and batches) for both, measured in one run. Without
 * --data it uses a SYNTHETIC demo history of 22,001 orders (the size of the Olist training file).
 * Progress on stderr, the report (one JSON object) on stdout.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fitBaseline } from '../ml/baseline.js';
import { parseDeliveryCsv } from '../ml/delivery-csv.js';
import { demoCsv } from '../ml/demo-history.js';
import { Estimator } from '../ml/estimator.js';
import { labelRows } from '../ml/labelled-rows.js';
import { LaneHistory } from '../ml/lane-history.js';
import { DenseNet } from '../ml/dense-net.js';
import { trainEta } from '../ml/train.js';
import { parseFlags, positive } from './bench/cli-args.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    data: { default: '', help: 'CSV of past deliveries (default: a synthetic history of 22,001 orders)' },
    backend: { default: 'wasm', help: 'tfjs backend: wasm or cpu' },
    batch: { default: '1000', help: 'batch size for the batched prediction timing' },
  },
  'Usage: npm run bench:eta [-- --data <csv>]',
);

const log = (line: string) => process.stderr.write(`[bench:eta] ${line}\n`);
const seconds = (ms: number) => Math.round(ms / 10) / 100;
const micro = (ms: number) => Math.round(ms * 1000 * 100) / 100;

async function main(): Promise<void> {
  const text = flags.data ? readFileSync(flags.data, 'utf8') : demoCsv({ count: 22_001, days: 540 });
  const deliveries = parseDeliveryCsv(text).flatMap((r) => (r.delivery ? [r.delivery] : []));
  log(`${deliveries.length} deliveries from ${flags.data || 'the synthetic demo history'}; ${cpus().length} cores`);

  let t = performance.now();
  const cpu = process.cpuUsage();
  const artifact = await trainEta(deliveries, { backend: flags.backend === 'cpu' ? 'cpu' : 'wasm', log: (l) => log(`train: ${l}`) });
  const trainMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  // The machine is shared: CPU seconds say what training costs when the cores are free.
  const trainCpuMs = (used.user + used.system) / 1000;
  const rows = labelRows(deliveries, artifact.metadata.featureSpec.cutoffHour);
  t = performance.now();
  fitBaseline(rows.map((r) => ({ input: r.delivery.input, transit: r.transit })));
  const baselineTrainMs = performance.now() - t;

  const estimator = new Estimator(artifact.metadata, DenseNet.fromTfArtifact(artifact.modelJson!, artifact.weights!));
  const inputs = rows.slice(-Math.min(rows.length, 5000)).map((r) => r.delivery.input);
  const time = (source: 'model' | 'baseline') => {
    const history = LaneHistory.fromSnapshot(artifact.metadata.history);
    for (const input of inputs.slice(0, 200)) estimator.estimate(input, history, source); // warm-up (JIT)
    const single: number[] = [];
    for (const input of inputs) {
      const s = performance.now();
      estimator.estimate(input, history, source);
      single.push(performance.now() - s);
    }
    single.sort((a, b) => a - b);
    const batch = positive(flags, 'batch');
    let batchedMs = 0;
    let n = 0;
    for (let i = 0; i < inputs.length; i += batch) {
      const part = inputs.slice(i, i + batch);
      const s = performance.now();
      for (const input of part) estimator.estimate(input, history, source);
      batchedMs += performance.now() - s;
      n += part.length;
    }
    return {
      // The median beside the mean: on a loaded shared machine a few descheduled calls dominate the mean.
      single_p50_us: micro(single[Math.floor(single.length / 2)]!),
      single_mean_us: micro(single.reduce((a, b) => a + b, 0) / single.length),
      single_p99_us: micro(single[Math.floor(single.length * 0.99)]!),
      batched_mean_us: micro(batchedMs / n),
    };
  };
  const report = {
    rows: deliveries.length,
    data: flags.data || 'synthetic demo history',
    cores: cpus().length,
    backend: artifact.metadata.training.backend,
    train: { model_s: seconds(trainMs), model_cpu_s: seconds(trainCpuMs), epochs: artifact.metadata.training.epochs, baseline_s: seconds(baselineTrainMs), target_s: 120 },
    predict: { model: time('model'), baseline: time('baseline'), target_us: 1000 },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench:eta] error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
