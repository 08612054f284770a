/**
 * Predict ETAs for orders in a CSV from their purchase-time columns only:
 * npm run -s predict:eta -- --data <csv> [--model <dir>]
 * stdout: one JSON object per row, in file order: {"order_id","date","likely","low","high","model"}.
 */
import { readFileSync } from 'node:fs';
import { parseDeliveryCsv } from '../ml/delivery-csv.js';
import { createEtaService } from '../ml/eta-service.js';
import { parseInstant } from '../ml/time-zone.js';
import { parseFlags } from './bench/cli-args.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    data: { default: '', help: 'CSV with purchase-time columns (delivery columns are ignored)' },
    model: { default: 'ml/artifacts', help: 'artifact directory' },
    'min-deliveries': { default: '0', help: 'serve the prior when the model was trained on fewer deliveries' },
  },
  'Usage: npm run -s predict:eta -- --data <csv> [--model <dir>]',
);

// A closed pipe (`| head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

try {
  if (!flags.data) throw new Error('--data <csv> is required');
  const log = (line: string) => process.stderr.write(`[predict:eta] ${line}\n`);
  const eta = createEtaService({ modelDir: flags.model, minDeliveries: Number(flags['min-deliveries']), log });
  if (eta.status().source === 'prior') log(eta.status().detail);
  // Only the purchase-time fields are read (PurchaseInput): the delivery columns never reach the estimator.
  const inputs = parseDeliveryCsv(readFileSync(flags.data, 'utf8')).map((r) => r.input);
  // Predict in purchase order (the lane history moves forward in time), print in file order.
  const order = inputs.map((_, i) => i).sort((a, b) => parseInstant(inputs[a]!.purchasedAt, 'UTC') - parseInstant(inputs[b]!.purchasedAt, 'UTC'));
  const lines = new Array<string>(inputs.length);
  for (const i of order) {
    const e = eta.predictAtPurchase(inputs[i]!);
    lines[i] = JSON.stringify({ order_id: inputs[i]!.orderId ?? '', date: e.promise, likely: e.likely, low: e.low, high: e.high, model: e.modelVersion });
  }
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
  log(`${lines.length} orders`);
} catch (err) {
  process.stderr.write(`[predict:eta] error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
