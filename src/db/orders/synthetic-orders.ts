import type { Connection } from 'mongoose';

/**
 * Synthetic demo history (scripts/seed-demo-history.ts) marks its orders `synthetic: true` and codes them
 * `SYN-…`, so the dashboard can say how much of a period is made up. The count uses `{placedAt}`'s index.
 */
export function createSyntheticOrderCount(connection: Connection) {
  return async function syntheticOrders(from: Date, to: Date): Promise<number> {
    return connection.db!.collection('orders').countDocuments({ placedAt: { $gte: from, $lt: to }, synthetic: true });
  };
}
