/**
 * `npm run seed:demo-history -- [--orders 3000] [--days 90]`: seeds the labelled synthetic
 * history of past deliveries (scripts/dev/demo-history.ts) into MONGODB_URI, so the admin dashboard's
 * charts are not empty on a dev stack (and rebuilds the report's rollup from the read model). Skips when
 * synthetic orders exist.
 * `npm run dev` runs it on its first start.
 */
import { connectMongo } from '../src/db/connection.js';
import { demoHistoryCount, seedDemoHistory } from './dev/demo-history.js';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required (the dev stack prints it; e.g. mongodb://127.0.0.1:27027/order-tracking)');
  const orders = flag('orders', 3000);
  const days = flag('days', 90);
  const connection = await connectMongo(uri);
  try {
    const existing = await demoHistoryCount(connection);
    if (existing > 0) {
      console.log(`${existing} synthetic orders exist already; nothing seeded`);
      return;
    }
    const result = await seedDemoHistory(connection, { orders, days, end: Date.now(), log: (line) => console.log(line) });
    console.log(`seeded ${result.orders} synthetic orders (${result.documents} documents), codes SYN-…, marked synthetic: true`);
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
