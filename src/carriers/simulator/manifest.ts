import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { createSimulatorAdapter } from './index.js';
import { SIMULATOR_DEFAULT_URL, simulatorTrackingUrlTemplate } from './client.js';
import { normalizeBody } from './normalize.js';
import { SIMULATOR_TRACKING_FORMATS } from './tracking-formats.js';
import { verifySimulatorWebhook } from './webhook.js';

const envShape = {
  CARRIER_SIMULATOR_URL: envUrl,
  CARRIER_SIMULATOR_PUBLIC_URL: envUrl,
  CARRIER_SIMULATOR_API_KEY: envText,
  CARRIER_SIMULATOR_WEBHOOK_SECRET: envText,
};

/** Demo Carrier: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'simulator', typeof envShape> = {
  id: 'simulator',
  displayName: 'Demo Carrier',
  logo: { background: '#444b55', foreground: '#ffffff' },
  trackingUrlTemplate: (env) => simulatorTrackingUrlTemplate(env.CARRIER_SIMULATOR_PUBLIC_URL ?? env.CARRIER_SIMULATOR_URL ?? SIMULATOR_DEFAULT_URL),
  env: envShape,
  trackingNumberFormats: SIMULATOR_TRACKING_FORMATS,
  normalizeBody,
  createAdapter: (env) =>
    env.CARRIER_SIMULATOR_URL && env.CARRIER_SIMULATOR_API_KEY
      ? createSimulatorAdapter({
          baseUrl: env.CARRIER_SIMULATOR_URL,
          apiKey: env.CARRIER_SIMULATOR_API_KEY,
          ...optional('publicUrl', env.CARRIER_SIMULATOR_PUBLIC_URL),
          ...optional('webhookSecret', env.CARRIER_SIMULATOR_WEBHOOK_SECRET),
        })
      : undefined,
  verifyWebhook: (webhook, env) => verifySimulatorWebhook(webhook, env.CARRIER_SIMULATOR_WEBHOOK_SECRET),
  capabilities: { canRegisterShipments: true, hasWebhooks: true, canPoll: true },
};
