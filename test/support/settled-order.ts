import { eventually } from './eventually.js';

/**
 * Waits until a new order's workflow has projected it and its read-model revision has stopped moving for
 * `quietMs`. FerretDB (the test server) rewrites a whole document per update, so a test's own update of the
 * order (preferences) racing the workflow's first projections can be lost there; mongod merges the two.
 */
export async function settledOrder(orders: { findByCode(code: string): Promise<{ revision: number } | null> }, code: string, quietMs = 400): Promise<void> {
  let last = -1;
  let since = Date.now();
  await eventually(
    () => orders.findByCode(code),
    (order) => {
      const revision = order?.revision ?? 0;
      if (revision !== last) {
        last = revision;
        since = Date.now();
        return false;
      }
      return revision >= 1 && Date.now() - since >= quietMs;
    },
    30_000,
    100,
  );
}
