/**
 * A body that passed verification (or came from a carrier API) but cannot be read: not JSON, or not the shape
 * the provider documents. The API maps it to 400; it is never thrown for a bad signature (that is a
 * `WebhookVerification` with `ok: false`, answered 401).
 */
export class WebhookPayloadError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid webhook payload: ${reason}`);
    this.name = 'WebhookPayloadError';
  }
}
