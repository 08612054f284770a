/** Thrown by clients for failures that retrying will not fix (bad credentials, unknown number, 4xx). */
export class PermanentCarrierError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PermanentCarrierError';
  }
}

/** Thrown by clients for failures worth retrying (timeouts, 5xx, 429); `retryAfterMs` when the carrier said. */
export class TransientCarrierError extends Error {
  constructor(message: string, readonly code: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'TransientCarrierError';
  }
}
