import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { AFTERSHIP_TRACKING_URL } from './client.js';
import { createAfterShipAdapter } from './index.js';
import { normalizeBody } from './normalize.js';
import { verifyAfterShipWebhook } from './webhook.js';

const envShape = {
  AFTERSHIP_API_KEY: envText,
  AFTERSHIP_WEBHOOK_SECRET: envText,
  AFTERSHIP_BASE_URL: envUrl,
};

/** AfterShip: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'aftership', typeof envShape> = {
  id: 'aftership',
  displayName: 'AfterShip',
  logo: { background: '#ff6b2b', foreground: '#ffffff' },
  trackingUrlTemplate: AFTERSHIP_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: [],
  normalizeBody,
  createAdapter: (env) =>
    env.AFTERSHIP_API_KEY
      ? createAfterShipAdapter({ apiKey: env.AFTERSHIP_API_KEY, ...optional('webhookSecret', env.AFTERSHIP_WEBHOOK_SECRET), ...optional('baseUrl', env.AFTERSHIP_BASE_URL) })
      : undefined,
  verifyWebhook: (webhook, env) => verifyAfterShipWebhook(webhook, env.AFTERSHIP_WEBHOOK_SECRET),
  capabilities: { canRegisterShipments: false, hasWebhooks: true, canPoll: true },
};
