import { isNetworkErrorCode, NotificationSendError, type FailureReason } from '../send-error.js';

/** Twilio error codes that retrying will not fix, and what they mean for the customer record. */
const PERMANENT: Record<number, FailureReason> = {
  21211: 'invalid_recipient', // invalid 'To' number
  21214: 'invalid_recipient', // 'To' cannot be reached
  21217: 'invalid_recipient', // number not valid
  21612: 'invalid_recipient', // cannot route to this number
  21614: 'invalid_recipient', // 'To' is not a mobile number
  21610: 'unsubscribed', // recipient replied STOP
  21408: 'rejected', // sending to this region not enabled
  21606: 'rejected', // 'From' cannot send SMS
  21617: 'rejected', // body over 1,600 characters
  30003: 'invalid_recipient', // unreachable handset (delivery)
  30005: 'invalid_recipient', // unknown destination (delivery)
  30006: 'invalid_recipient', // landline or unreachable carrier (delivery)
  30004: 'unsubscribed', // blocked by the recipient (delivery)
  30007: 'rejected', // filtered by the carrier as spam (delivery)
};

/** Codes that are worth retrying even though Twilio answered 4xx. */
const TRANSIENT: Record<number, FailureReason> = {
  20003: 'provider_auth', // authentication failed (fixable by the operator: retries then succeed)
  20429: 'rate_limited', // too many requests
  14107: 'rate_limited', // SMS rate limit exceeded
  30001: 'rate_limited', // queue overflow (delivery)
  30008: 'unknown', // unknown delivery error
};

/** What the SDK throws: RestException (status + Twilio code) or an axios error (network code). */
interface TwilioErrorLike {
  status?: number;
  code?: number | string;
  message?: string;
}

/**
 * Maps a Twilio SDK error to transient or permanent: known permanent codes (invalid number, unsubscribed,
 * region off) and other 4xx request errors are permanent; 5xx, 429, auth and network trouble are transient.
 */
export function classifyTwilioError(error: unknown): NotificationSendError {
  if (error instanceof NotificationSendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as TwilioErrorLike;
  const text = (e.message ?? String(error)).slice(0, 300);
  if (typeof e.code === 'number') {
    const permanent = PERMANENT[e.code];
    if (permanent) return new NotificationSendError('permanent', permanent, text, e.code);
    const transient = TRANSIENT[e.code];
    if (transient) return new NotificationSendError('transient', transient, text, e.code);
  }
  if (typeof e.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : e.status;
    if (e.status === 429) return new NotificationSendError('transient', 'rate_limited', text, code);
    if (e.status === 401 || e.status === 403) return new NotificationSendError('transient', 'provider_auth', text, code);
    if (e.status >= 500) return new NotificationSendError('transient', 'provider_unavailable', text, code);
    if (e.status >= 400) return new NotificationSendError('permanent', 'rejected', text, code);
  }
  if (isNetworkErrorCode(e.code)) return new NotificationSendError('transient', 'network', text, e.code);
  return new NotificationSendError('transient', 'unknown', text, typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined);
}

/** Classifies the `ErrorCode` of a failed/undelivered status callback (the message left Twilio, then failed). */
export function classifyDeliveryErrorCode(code: number | undefined): NotificationSendError {
  return classifyTwilioError({ code: code ?? 30008, message: `delivery failed with Twilio error ${code ?? 'unknown'}` });
}
