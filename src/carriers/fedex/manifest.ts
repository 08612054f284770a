import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { jsonOrLegacyXml } from '../legacy/json-or-legacy-xml.js';
import { mapFedexTrackV7Body } from '../legacy/fedex-track-v7.js';
import { createFedexAdapter } from './adapter.js';
import { FEDEX_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';
import { FEDEX_TRACKING_FORMATS } from './tracking-formats.js';

const envShape = {
  FEDEX_CLIENT_ID: envText,
  FEDEX_CLIENT_SECRET: envText,
  FEDEX_BASE_URL: envUrl,
};

/** FedEx: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'fedex', typeof envShape> = {
  id: 'fedex',
  displayName: 'FedEx',
  logo: { background: '#4d148c', foreground: '#ff6600' },
  trackingUrlTemplate: FEDEX_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: FEDEX_TRACKING_FORMATS,
  normalizeBody: jsonOrLegacyXml(normalizeBody, mapFedexTrackV7Body),
  createAdapter: (env) =>
    env.FEDEX_CLIENT_ID && env.FEDEX_CLIENT_SECRET
      ? createFedexAdapter({ clientId: env.FEDEX_CLIENT_ID, clientSecret: env.FEDEX_CLIENT_SECRET, ...optional('baseUrl', env.FEDEX_BASE_URL) })
      : undefined,
  capabilities: { canRegisterShipments: false, hasWebhooks: false, canPoll: true },
};
