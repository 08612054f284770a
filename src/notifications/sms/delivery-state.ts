import { classifyDeliveryErrorCode } from './classify-twilio-error.js';
import type { NotificationSendError } from '../send-error.js';

/** The delivery states the notification record keeps for an SMS (issue #21). */
export const SMS_DELIVERY_STATES = ['queued', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export type SmsDeliveryState = (typeof SMS_DELIVERY_STATES)[number];

/** Twilio's message status (any of its 13) folded to the states we keep; undefined for unknown text. */
export function smsDeliveryState(status: string): SmsDeliveryState | undefined {
  switch (status) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
      return 'queued';
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return undefined;
  }
}

const RANK: Record<SmsDeliveryState, number> = { queued: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2 };

/**
 * The states `next` may not replace: itself and every later one. The store's guard: callbacks can arrive
 * out of order (a late "sent" after "delivered"), and a final state is never overwritten.
 */
export function statesNotBefore(next: SmsDeliveryState): SmsDeliveryState[] {
  return SMS_DELIVERY_STATES.filter((s) => RANK[s] >= RANK[next]);
}

/** A verified status callback, read. */
export interface SmsStatusUpdate {
  messageSid: string;
  state: SmsDeliveryState;
  /** For undelivered/failed: Twilio's error code and what it means for retries and failover. */
  errorCode?: number;
  failure?: NotificationSendError;
}

/** Reads a status callback's form fields (after the signature was verified); undefined if it is not one. */
export function parseStatusCallback(params: Record<string, string>): SmsStatusUpdate | undefined {
  const messageSid = params.MessageSid ?? params.SmsSid;
  const state = smsDeliveryState(params.MessageStatus ?? params.SmsStatus ?? '');
  if (!messageSid || !state) return undefined;
  if (state !== 'undelivered' && state !== 'failed') return { messageSid, state };
  const errorCode = params.ErrorCode ? Number(params.ErrorCode) : undefined;
  const code = Number.isFinite(errorCode) ? errorCode : undefined;
  return { messageSid, state, ...(code !== undefined ? { errorCode: code } : {}), failure: classifyDeliveryErrorCode(code) };
}
