import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { EASYPOST_TRACKING_URL } from './client.js';
import { createEasyPostAdapter } from './index.js';
import { normalizeBody } from './normalize.js';
import { verifyEasyPostWebhook } from './webhook.js';

const envShape = {
  EASYPOST_API_KEY: envText,
  EASYPOST_WEBHOOK_SECRET: envText,
  EASYPOST_BASE_URL: envUrl,
};

/** EasyPost: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'easypost', typeof envShape> = {
  id: 'easypost',
  displayName: 'EasyPost',
  logo: { background: '#1f4bd8', foreground: '#ffffff' },
  trackingUrlTemplate: EASYPOST_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: [],
  normalizeBody,
  createAdapter: (env) =>
    env.EASYPOST_API_KEY
      ? createEasyPostAdapter({ apiKey: env.EASYPOST_API_KEY, ...optional('webhookSecret', env.EASYPOST_WEBHOOK_SECRET), ...optional('baseUrl', env.EASYPOST_BASE_URL) })
      : undefined,
  verifyWebhook: (webhook, env) => verifyEasyPostWebhook(webhook, env.EASYPOST_WEBHOOK_SECRET),
  capabilities: { canRegisterShipments: false, hasWebhooks: true, canPoll: true },
};
