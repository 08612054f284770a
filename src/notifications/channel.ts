import type { NotificationChannel as ChannelId } from '../domain/notification-policy.js';
import type { EmailMessage } from './email/email-message.js';
import type { PushMessage } from './push/push-message.js';
import type { SmsMessage } from './sms/sms-message.js';

export type { ChannelId };

/**
 * Where a message stands at the provider when `send` returns: `accepted`/`queued` = taken for delivery,
 * `sent` = handed on (SMTP accepted it, the push service stored it). SMS moves on to `delivered` (or
 * `undelivered`/`failed`) through Twilio's status callback, see `sms/delivery-state.ts`.
 */
export type ProviderState = 'accepted' | 'queued' | 'sent' | 'delivered';

/** What a provider said when it took a message. */
export interface SendReceipt {
  /** Email: the Message-ID header; SMS: Twilio's message SID (SM…); push: the push service's Location or key. */
  providerMessageId: string;
  state: ProviderState;
}

/** The message each channel sends; one `send` per channel, typed by its id. */
export interface ChannelMessages {
  email: EmailMessage;
  sms: SmsMessage;
  push: PushMessage;
}

/**
 * A customer notification channel: one method. It either resolves with the provider's receipt or rejects
 * with a {@link NotificationSendError} saying whether a retry can help; any other rejection is a bug.
 */
export interface Channel<K extends ChannelId = ChannelId> {
  readonly id: K;
  send(message: ChannelMessages[K]): Promise<SendReceipt>;
}
