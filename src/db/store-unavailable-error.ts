/**
 * A write the database never answered (connection refused or lost, no server selectable). Raised where the
 * driver's own error does not say so by its name (a bulk write wraps the network error in a
 * MongoBulkWriteError); the API answers it with 503 and Retry-After.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database unreachable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
