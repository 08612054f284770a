/**
 * Score the current model on labelled deliveries: each row is predicted from its purchase-time columns and
 * the lane history of deliveries completed before its purchase. npm run -s eval:eta -- --data <csv> [--model <dir>]
 * stdout: one JSON object {"n","promise","likely","range_coverage","baseline","platform",...}.
 */
import { readFileSync } from 'node:fs';
import { loadArtifact } from '../ml/artifact.js';
import { parseDeliveryCsv } from '../ml/delivery-csv.js';
import { Estimator } from '../ml/estimator.js';
import { evaluateRows } from '../ml/evaluate.js';
import { labelRows } from '../ml/labelled-rows.js';
import { isoFromDay } from '../ml/calendar-day.js';
import { LaneHistory } from '../ml/lane-history.js';
import { parseFlags } from './bench/cli-args.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    data: { default: '', help: 'CSV of delivered orders (delivered_ts; platform_estimate_ts is scored when present)' },
    model: { default: 'ml/artifacts', help: 'artifact directory' },
  },
  'Usage: npm run -s eval:eta -- --data <csv> [--model <dir>]',
);

try {
  if (!flags.data) throw new Error('--data <csv> is required');
  const log = (line: string) => process.stderr.write(`[eval:eta] ${line}\n`);
  const artifact = loadArtifact(flags.model);
  if (!artifact) throw new Error(`no model in ${flags.model}: run npm run train:eta first`);
  const parsed = parseDeliveryCsv(readFileSync(flags.data, 'utf8'));
  const deliveries = parsed.flatMap((r) => (r.delivery ? [r.delivery] : []));
  log(`model ${artifact.metadata.version}; ${deliveries.length} delivered rows of ${parsed.length}`);
  const rows = labelRows(deliveries, artifact.metadata.featureSpec.cutoffHour);
  const first = rows[0] ? isoFromDay(rows[0].timing.purchaseDay) : undefined;
  if (first && first <= artifact.metadata.training.to) {
    log(`warning: purchases from ${first} overlap the training window (to ${artifact.metadata.training.to}): in-sample, not an independent score`);
  }
  const report = evaluateRows(new Estimator(artifact.metadata, artifact.net), rows, LaneHistory.fromSnapshot(artifact.metadata.history));
  process.stdout.write(`${JSON.stringify({ ...report, model: artifact.metadata.version })}\n`);
} catch (err) {
  process.stderr.write(`[eval:eta] error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
