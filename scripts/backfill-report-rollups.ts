/**
 * Builds the delivery-performance report's rollup from an existing read model:
 * `npm run report:backfill` against MONGODB_URI (the same variable the API reads). Run it once after
 * upgrading to the version that feeds the rollup; it is safe beside running API and worker processes and
 * safe to repeat (see src/db/report-rollups/backfill.ts for why the result is exact), and prints progress.
 */
import { loadConfig } from '../src/config/load-config.js';
import { connectMongo } from '../src/db/connection.js';
import { backfillReportRollups } from '../src/db/report-rollups/backfill.js';

async function main(): Promise<number> {
  const uri = loadConfig(process.env).mongo.uri;
  if (!uri) {
    console.error('MONGODB_URI is not set: point it at the database the API uses (npm run dev prints it).');
    return 2;
  }
  const connection = await connectMongo(uri);
  const started = performance.now();
  const stamp = () => `[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s]`;
  try {
    const done = await backfillReportRollups(connection, (line) => console.log(`${stamp()} ${line}`));
    console.log(`${stamp()} done: ${done.contributions.toLocaleString('en')} contributions written, ${done.buckets.toLocaleString('en')} buckets folded`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
