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

/** The connection type for code outside src/db, which may not import mongoose itself. */
export type DbConnection = Connection;
