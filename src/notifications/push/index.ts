import { defineChannel } from '../channel-manifest.js';
import { createPushChannel } from './push-channel.js';
import { vapidConfigFromEnv, vapidEnvShape } from './vapid-config.js';

/** Web push (VAPID) to subscriptions made on the tracking page. */
export const pushChannel = defineChannel({
  id: 'push',
  displayName: 'Web push',
  envShape: vapidEnvShape,
  configFromEnv: (env) => vapidConfigFromEnv(env),
  create: (config) => createPushChannel(config),
});

export { createPushChannel, type PushChannelOptions } from './push-channel.js';
export type { PushMessage, StoredPushSubscription } from './push-message.js';
export { classifyPushError } from './classify-push-error.js';
export { pushMessageFor } from './push-payload.js';
export { pushStatusLine } from './push-status.js';
export type { VapidConfig } from './vapid-config.js';
