/**
 * Errors that say a dependency is out of reach rather than that a request was wrong: the MongoDB driver's
 * connection and server-selection failures (recognised by name, since src/api imports no database code).
 * A client should retry them, so they answer 503 with Retry-After instead of a masked 500.
 */
const STORE_UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'PoolClearedOnNetworkError',
  // src/db's own, for a bulk write the database never answered (the driver names it MongoBulkWriteError).
  'StoreUnavailableError',
]);

/** How long a client should wait before retrying a request refused for an unreachable dependency (s). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * True when `err`, or an error it wraps (`cause`), says the database could not be reached: one of the
 * driver's errors above, or mongoose's "buffering timed out" (a command queued while the connection was
 * down and never sent).
 */
export function isStoreUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const { name = '', message = '' } = e as { name?: string; message?: string };
    if (STORE_UNREACHABLE.has(name)) return true;
    if (name === 'MongooseError' && /buffering timed out/.test(message)) return true;
  }
  return false;
}
