import { defineChannel } from '../channel-manifest.js';
import { createSmsChannel } from './sms-channel.js';
import { twilioConfigFromEnv, twilioEnvShape } from './twilio-config.js';

/** SMS through Twilio's Messages API (the real SDK; a base URL override points it at the local server). */
export const smsChannel = defineChannel({
  id: 'sms',
  displayName: 'SMS (Twilio)',
  envShape: twilioEnvShape,
  configFromEnv: (env, context) => twilioConfigFromEnv(env, context.publicBaseUrl),
  create: (config) => createSmsChannel(config),
});

export { createSmsChannel } from './sms-channel.js';
export type { SmsMessage } from './sms-message.js';
export { toE164, isValidPhoneNumber, mask as maskPhoneNumber } from './phone-number.js';
export { classifyTwilioError, classifyDeliveryErrorCode } from './classify-twilio-error.js';
export { parseStatusCallback, smsDeliveryState, SMS_DELIVERY_STATES, type SmsDeliveryState, type SmsStatusUpdate } from './delivery-state.js';
export { verifyTwilioSignature, formParams, parseInboundSms, type InboundSms, type TwilioWebhookRequest } from './twilio-webhooks.js';
export { createTwilioClient, RebasedRequestClient } from './twilio-client.js';
export { TWILIO_INBOUND_PATH, TWILIO_STATUS_CALLBACK_PATH, type TwilioConfig } from './twilio-config.js';
