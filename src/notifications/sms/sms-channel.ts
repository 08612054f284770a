import type twilio from 'twilio';
import type { Channel, ProviderState, SendReceipt } from '../channel.js';
import { NotificationSendError } from '../send-error.js';
import { classifyDeliveryErrorCode, classifyTwilioError } from './classify-twilio-error.js';
import { toE164 } from './phone-number.js';
import type { SmsMessage } from './sms-message.js';
import { createTwilioClient } from './twilio-client.js';
import type { TwilioConfig } from './twilio-config.js';

function providerState(status: string): ProviderState {
  if (status === 'queued') return 'queued';
  if (status === 'sending' || status === 'sent') return 'sent';
  if (status === 'delivered') return 'delivered';
  return 'accepted';
}

/**
 * Customer SMS through the real `twilio` SDK (Messages API). The number is checked before any request,
 * the status callback URL is attached so delivery states come back to our API, and a message Twilio
 * creates already failed is reported as the error its code means.
 */
export function createSmsChannel(config: TwilioConfig, client: twilio.Twilio = createTwilioClient(config)): Channel<'sms'> {
  return {
    id: 'sms',
    async send(message: SmsMessage): Promise<SendReceipt> {
      const to = toE164(message.to, config.defaultRegion);
      if (message.body.length === 0) throw new NotificationSendError('permanent', 'rejected', 'empty SMS body');
      const sender = config.from.startsWith('MG') ? { messagingServiceSid: config.from } : { from: config.from };
      let created: { sid: string; status: string; errorCode: number | null };
      try {
        created = await client.messages.create({
          to,
          body: message.body,
          ...sender,
          ...(config.statusCallbackUrl ? { statusCallback: config.statusCallbackUrl } : {}),
        });
      } catch (error) {
        throw classifyTwilioError(error);
      }
      if (created.status === 'failed' || created.status === 'undelivered') {
        throw classifyDeliveryErrorCode(created.errorCode ?? undefined);
      }
      return { providerMessageId: created.sid, state: providerState(created.status) };
    },
  };
}
