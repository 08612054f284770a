/**
 * Train the ETA model from a CSV of past deliveries and write the artifact (npm run train:eta -- --data <csv>).
 * Progress and validation metrics go to stderr; the last line on stdout is the artifact's directory.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { saveArtifact } from '../ml/artifact.js';
import { parseDeliveryCsv } from '../ml/delivery-csv.js';
import { DEFAULT_NET_OPTIONS } from '../ml/quantile-net.js';
import { DEFAULT_LATE_RATE, DEFAULT_TRAIN_CONFIG, trainEta } from '../ml/train.js';
import { parseFlags, positive } from './bench/cli-args.js';
import { loadConfig } from '../src/config/load-config.js';
import { deliveredFromDb } from '../src/eta/delivered-from-db.js';
import type { CompletedDelivery } from '../ml/purchase-input.js';

// A bare `--from-db` (no URI) means MONGODB_URI.
const argv = process.argv.slice(2).map((arg, i, all) => (arg === '--from-db' && (all[i + 1] === undefined || all[i + 1]!.startsWith('--')) ? '--from-db=env' : arg));
const flags = parseFlags(
  argv,
  {
    data: { default: '', help: 'CSV of past deliveries (required; see ml/README.md for the columns)' },
    out: { default: 'ml/artifacts', help: 'artifact directory (a new version + current.json)' },
    'from-db': { default: 'no', help: 'train on the orders delivered in MongoDB (eta_outcomes): --from-db (MONGODB_URI) or --from-db=<uri>' },
    backend: { default: 'wasm', help: 'tfjs backend: wasm (faster here) or cpu' },
    cutoff: { default: '14', help: 'dispatch cut-off hour, shop local time' },
    epochs: { default: String(DEFAULT_NET_OPTIONS.epochs), help: 'maximum epochs (early stopping decides)' },
    seed: { default: String(DEFAULT_NET_OPTIONS.seed), help: 'seed of the first net (weights and shuffles; same data + seed = same model)' },
    nets: { default: String(DEFAULT_TRAIN_CONFIG.ensemble), help: 'nets in the ensemble (served as their average)' },
    'late-rate': { default: 'platform', help: `promise late-rate ceiling on validation: 'platform' = the data's platform promise rate (${DEFAULT_LATE_RATE} without one); a number = the lower of it and the platform's` },
    'half-life': { default: '0', help: 'recency weighting: a training row counts half as much every this many days before the newest (0 = off)' },
    refit: { default: 'no', help: 'yes = serve nets refitted on train + validation (their test figures are printed)' },
  },
  'Usage: npm run train:eta -- (--data <csv> | --from-db[=<uri>]) [--out <dir>]',
);

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[train:eta] ${line}\n`);
  const fromDb = flags['from-db'] !== 'no';
  if (!fromDb && !flags.data) throw new Error('--data <csv> or --from-db is required');
  let deliveries: CompletedDelivery[];
  if (fromDb) {
    const uri = flags['from-db'] === 'env' ? loadConfig(process.env).mongo.uri : flags['from-db'];
    if (!uri) throw new Error('--from-db needs MONGODB_URI (or --from-db=<mongodb://…>)');
    log('reading delivered orders from MongoDB (eta_outcomes)');
    deliveries = await deliveredFromDb(uri);
    log(`${deliveries.length} delivered orders`);
  } else {
    log(`reading ${flags.data}`);
    const rows = parseDeliveryCsv(readFileSync(flags.data, 'utf8'));
    deliveries = rows.flatMap((r) => (r.delivery ? [r.delivery] : []));
    log(`${deliveries.length} delivered of ${rows.length} rows`);
  }
  const backend = flags.backend === 'cpu' ? 'cpu' : 'wasm';
  const artifact = await trainEta(deliveries, {
    backend,
    cutoffHour: Number(flags.cutoff),
    ...(flags['late-rate'] === 'platform' ? {} : { lateRateTarget: Number(flags['late-rate']) }),
    refit: flags.refit === 'yes',
    ...(Number(flags['half-life']) > 0 ? { recencyHalfLifeDays: Number(flags['half-life']) } : {}),
    net: { ...DEFAULT_NET_OPTIONS, epochs: positive(flags, 'epochs'), seed: Number(flags.seed) },
    ensemble: positive(flags, 'nets'),
    dataLabel: fromDb ? 'delivered orders (MongoDB)' : basename(flags.data),
    log,
  });
  const dir = saveArtifact(flags.out, artifact);
  log(`trained in ${artifact.metadata.training.seconds} s (${artifact.metadata.training.epochs} epochs); wrote ${dir}`);
  process.stdout.write(`${dir}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[train:eta] error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
