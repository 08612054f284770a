import { isNetworkErrorCode, NotificationSendError } from '../send-error.js';

interface WebPushErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  headers?: Record<string, string | undefined>;
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * Maps a web-push error: 404/410 mean the browser dropped the subscription (delete it, permanent); 413 and
 * other 4xx are requests that will not succeed as they are (permanent); 429 and 5xx are transient.
 */
export function classifyPushError(error: unknown): NotificationSendError {
  if (error instanceof NotificationSendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as WebPushErrorLike;
  const text = (e.message ?? String(error)).slice(0, 300);
  const status = e.statusCode;
  if (status === 404 || status === 410) return new NotificationSendError('permanent', 'subscription_gone', text, status);
  if (status === 429) return new NotificationSendError('transient', 'rate_limited', text, status, retryAfterMs(e.headers?.['retry-after']));
  if (status !== undefined && status >= 500) return new NotificationSendError('transient', 'provider_unavailable', text, status);
  if (status !== undefined && status >= 400) return new NotificationSendError('permanent', 'rejected', text, status);
  if (isNetworkErrorCode(e.code)) return new NotificationSendError('transient', 'network', text, e.code);
  return new NotificationSendError('transient', 'unknown', text, e.code);
}
