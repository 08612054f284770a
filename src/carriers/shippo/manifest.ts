import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { SHIPPO_TRACKING_URL } from './client.js';
import { createShippoAdapter } from './index.js';
import { normalizeBody } from './normalize.js';
import { verifyShippoWebhook } from './webhook.js';

const envShape = {
  SHIPPO_API_TOKEN: envText,
  SHIPPO_WEBHOOK_TOKEN: envText,
  SHIPPO_BASE_URL: envUrl,
};

/** Shippo: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'shippo', typeof envShape> = {
  id: 'shippo',
  displayName: 'Shippo',
  logo: { background: '#0f9d58', foreground: '#ffffff' },
  trackingUrlTemplate: SHIPPO_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: [],
  normalizeBody,
  createAdapter: (env) =>
    env.SHIPPO_API_TOKEN
      ? createShippoAdapter({ apiToken: env.SHIPPO_API_TOKEN, ...optional('webhookToken', env.SHIPPO_WEBHOOK_TOKEN), ...optional('baseUrl', env.SHIPPO_BASE_URL) })
      : undefined,
  verifyWebhook: (webhook, env) => verifyShippoWebhook(webhook, { webhookToken: env.SHIPPO_WEBHOOK_TOKEN }),
  capabilities: { canRegisterShipments: false, hasWebhooks: true, canPoll: true },
};
