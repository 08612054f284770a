/**
 * Why a send failed. Permanent reasons stop retries (and may trigger failover to another channel); transient
 * ones are retried with backoff by the caller (a Temporal activity retry policy).
 */
export type FailureReason =
  /** Malformed or unreachable address: invalid phone number, unknown mailbox, landline for SMS. */
  | 'invalid_recipient'
  /** The recipient opted out at the provider (Twilio 21610 after STOP). */
  | 'unsubscribed'
  /** The receiving mail server refused the address for good (5xx on RCPT). */
  | 'hard_bounce'
  /** A web-push subscription the browser dropped (404/410): delete it. */
  | 'subscription_gone'
  /** The provider refused the content or the sender (5xx on DATA, Twilio content/sender errors). */
  | 'rejected'
  /** The provider asked us to slow down (429, Twilio 20429, SMTP 421/450-452). */
  | 'rate_limited'
  /** The provider failed on its side (5xx HTTP, SMTP 4xx). */
  | 'provider_unavailable'
  /** No answer: connection refused, reset, DNS, timeout. */
  | 'network'
  /**
   * Our credentials were refused. Transient on purpose: an operator fixing the configuration lets the
   * pending retries succeed instead of losing every message sent meanwhile.
   */
  | 'provider_auth'
  /** Anything else; transient, so a bounded retry policy decides. */
  | 'unknown';

export type FailureKind = 'transient' | 'permanent';

/** The one error a channel rejects with. `kind` decides retry; `reason` is stored on the request. */
export class NotificationSendError extends Error {
  override readonly name = 'NotificationSendError';

  constructor(
    readonly kind: FailureKind,
    readonly reason: FailureReason,
    message: string,
    /** The provider's own code (SMTP reply code, Twilio error code, HTTP status), for the log. */
    readonly providerCode?: string | number,
    /** When the provider said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get permanent(): boolean {
    return this.kind === 'permanent';
  }
}

export function isNotificationSendError(error: unknown): error is NotificationSendError {
  return error instanceof NotificationSendError;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ECONNECTION',
  'ETIMEOUT',
  'ESOCKET',
  'EDNS',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** True for a Node/undici/nodemailer error code that means "no answer from the other side". */
export function isNetworkErrorCode(code: unknown): boolean {
  return typeof code === 'string' && NETWORK_CODES.has(code);
}
