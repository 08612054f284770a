import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { createUpsAdapter } from './adapter.js';
import { UPS_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';
import { UPS_TRACKING_FORMATS } from './tracking-formats.js';
import { verifyUpsWebhook } from './webhook.js';

const envShape = {
  UPS_CLIENT_ID: envText,
  UPS_CLIENT_SECRET: envText,
  UPS_MERCHANT_ID: envText,
  UPS_WEBHOOK_CREDENTIAL: envText,
  UPS_BASE_URL: envUrl,
};

/** UPS: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'ups', typeof envShape> = {
  id: 'ups',
  displayName: 'UPS',
  logo: { background: '#4b2e1e', foreground: '#f5b800' },
  trackingUrlTemplate: UPS_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: UPS_TRACKING_FORMATS,
  normalizeBody,
  createAdapter: (env) =>
    env.UPS_CLIENT_ID && env.UPS_CLIENT_SECRET
      ? createUpsAdapter({
          clientId: env.UPS_CLIENT_ID,
          clientSecret: env.UPS_CLIENT_SECRET,
          ...optional('baseUrl', env.UPS_BASE_URL),
          ...optional('merchantId', env.UPS_MERCHANT_ID),
          ...optional('webhookCredential', env.UPS_WEBHOOK_CREDENTIAL),
        })
      : undefined,
  verifyWebhook: (webhook, env) => verifyUpsWebhook(webhook, env.UPS_WEBHOOK_CREDENTIAL),
  capabilities: { canRegisterShipments: false, hasWebhooks: true, canPoll: true },
};
