import { isNetworkErrorCode, NotificationSendError } from '../send-error.js';

/** The fields nodemailer puts on its errors. */
interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

const AUTH_REPLIES = new Set([530, 534, 535, 538]);

/**
 * Maps a nodemailer error to transient or permanent. 5xx replies are permanent: on RCPT a hard bounce (the
 * mailbox does not exist), elsewhere a rejection of sender or content; 5xx auth replies and every 4xx reply
 * (greylisting, full queue, "try later") and connection trouble are transient.
 */
export function classifySmtpError(error: unknown): NotificationSendError {
  if (error instanceof NotificationSendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorLike;
  const code = e.responseCode;
  const text = (e.response ?? e.message ?? String(error)).slice(0, 300);
  if (code !== undefined && code >= 500) {
    if (AUTH_REPLIES.has(code) || e.code === 'EAUTH') return new NotificationSendError('transient', 'provider_auth', text, code);
    const onRecipient = e.command?.toUpperCase().startsWith('RCPT') === true || e.code === 'EENVELOPE';
    return new NotificationSendError('permanent', onRecipient ? 'hard_bounce' : 'rejected', text, code);
  }
  if (code !== undefined && code >= 400) {
    return new NotificationSendError('transient', code === 421 || code === 452 ? 'rate_limited' : 'provider_unavailable', text, code);
  }
  if (e.code === 'EAUTH') return new NotificationSendError('transient', 'provider_auth', text, e.code);
  if (isNetworkErrorCode(e.code)) return new NotificationSendError('transient', 'network', text, e.code);
  return new NotificationSendError('transient', 'unknown', text, e.code);
}
