import mongoose, { type Connection } from 'mongoose';

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

/** True for MongoDB's duplicate-key error (unique index violation). */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Inserts keyed documents unordered; ones that exist already (a replayed projection, a receipt written
 * by a racing sweep) are skipped, any other failure is thrown. Returns the positions of the skipped ones
 * (all of them when the server reported a duplicate without saying which document).
 */
export async function insertIgnoringDuplicates(insert: (docs: object[]) => Promise<unknown>, docs: object[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await insert(docs);
    return new Set();
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[] }).writeErrors;
    const allDuplicates = writeErrors?.every((e) => (e.code ?? e.err?.code) === 11000);
    if (!isDuplicateKeyError(err) && !allDuplicates) throw err;
    const positions = writeErrors?.map((e) => e.index ?? e.err?.index);
    return positions?.every((i) => i !== undefined) ? new Set(positions as number[]) : new Set(docs.keys());
  }
}

/** The connection type for code outside src/db, which may not import mongoose itself. */
export type DbConnection = Connection;
