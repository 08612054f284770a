import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { DHL_TRACKING_URL } from './client.js';
import { createDhlAdapter } from './index.js';
import { normalizeBody } from './normalize.js';
import { DHL_TRACKING_FORMATS } from './tracking-formats.js';

const envShape = {
  DHL_API_KEY: envText,
  DHL_SERVICE: envText,
  DHL_BASE_URL: envUrl,
};

/** DHL: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'dhl', typeof envShape> = {
  id: 'dhl',
  displayName: 'DHL',
  logo: { background: '#ffcc00', foreground: '#d40511' },
  trackingUrlTemplate: DHL_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: DHL_TRACKING_FORMATS,
  normalizeBody,
  createAdapter: (env) =>
    env.DHL_API_KEY ? createDhlAdapter({ apiKey: env.DHL_API_KEY, ...optional('baseUrl', env.DHL_BASE_URL), ...optional('service', env.DHL_SERVICE) }) : undefined,
  capabilities: { canRegisterShipments: false, hasWebhooks: false, canPoll: true },
};
