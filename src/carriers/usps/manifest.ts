import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { jsonOrLegacyXml } from '../legacy/json-or-legacy-xml.js';
import { mapUspsTrackV2Body } from '../legacy/usps-track-v2.js';
import { createUspsAdapter } from './adapter.js';
import { USPS_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';
import { USPS_TRACKING_FORMATS } from './tracking-formats.js';

const envShape = {
  USPS_CLIENT_ID: envText,
  USPS_CLIENT_SECRET: envText,
  USPS_BASE_URL: envUrl,
};

/** USPS: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'usps', typeof envShape> = {
  id: 'usps',
  displayName: 'USPS',
  logo: { background: '#333366', foreground: '#ffffff' },
  trackingUrlTemplate: USPS_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: USPS_TRACKING_FORMATS,
  normalizeBody: jsonOrLegacyXml(normalizeBody, mapUspsTrackV2Body),
  createAdapter: (env) =>
    env.USPS_CLIENT_ID && env.USPS_CLIENT_SECRET
      ? createUspsAdapter({ clientId: env.USPS_CLIENT_ID, clientSecret: env.USPS_CLIENT_SECRET, ...optional('baseUrl', env.USPS_BASE_URL) })
      : undefined,
  capabilities: { canRegisterShipments: false, hasWebhooks: false, canPoll: true },
};
