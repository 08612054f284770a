import mongoose, { type Connection } from 'mongoose';
import { DUPLICATE_KEY, isDuplicateKeyError, readBulkInsertError } from './bulk-write-outcome.js';

export { isDuplicateKeyError };

/**
 * Opens a dedicated mongoose connection (not the global default), so the API, the worker and each test
 * can hold their own. Waits until the server answers, so start-up fails fast on a bad URI.
 */
export async function connectMongo(uri: string, options: { dbName?: string; serverSelectionTimeoutMs?: number } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    // Timestamps are stored in UTC by BSON; autoIndex stays on so fresh databases get their indexes.
    autoIndex: true,
  });
  await connection.asPromise();
  return connection;
}

/**
 * Inserts keyed documents unordered; ones that exist already (a replayed projection, a receipt written
 * by a racing sweep) are skipped, any other failure is thrown. Returns the positions of the skipped ones.
 * When the server's error does not say which documents failed (no `writeErrors`, an empty list, or a
 * write-concern error), each document is inserted again on its own, so no failure passes for a duplicate.
 */
export async function insertIgnoringDuplicates(insert: (docs: object[]) => Promise<unknown>, docs: object[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await insert(docs);
    return new Set();
  } catch (err) {
    const reading = readBulkInsertError(err, docs.length);
    if (reading.known) {
      for (const code of reading.failures.values()) if (code !== DUPLICATE_KEY) throw err;
      return new Set(reading.failures.keys());
    }
    if (docs.length === 1) {
      if (isDuplicateKeyError(err)) return new Set([0]);
      throw err;
    }
    const skipped = new Set<number>();
    for (const [i, doc] of docs.entries()) {
      try {
        await insert([doc]);
      } catch (one) {
        const single = readBulkInsertError(one, 1);
        if (!isDuplicateKeyError(one) && !(single.known && single.failures.get(0) === DUPLICATE_KEY)) throw one;
        skipped.add(i);
      }
    }
    return skipped;
  }
}

/** The connection type for code outside src/db, which may not import mongoose itself. */
export type DbConnection = Connection;
