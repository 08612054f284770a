import type { CarrierManifest } from '../carrier-manifest.js';
import { envText, envUrl } from '../http/zod-fields.js';
import { optional } from '../optional-field.js';
import { CANADA_POST_TRACKING_URL } from './client.js';
import { createCanadaPostAdapter } from './index.js';
import { normalizeBody } from './normalize.js';
import { CANADA_POST_TRACKING_FORMATS } from './tracking-formats.js';

const envShape = {
  CANADAPOST_USERNAME: envText,
  CANADAPOST_PASSWORD: envText,
  CANADAPOST_BASE_URL: envUrl,
};

/** Canada Post: everything the service derives about this carrier (see src/carriers/all.ts). */
export const manifest: CarrierManifest<'canadapost', typeof envShape> = {
  id: 'canadapost',
  displayName: 'Canada Post',
  logo: { background: '#d52b1e', foreground: '#ffffff' },
  trackingUrlTemplate: CANADA_POST_TRACKING_URL,
  env: envShape,
  trackingNumberFormats: CANADA_POST_TRACKING_FORMATS,
  normalizeBody,
  createAdapter: (env) =>
    env.CANADAPOST_USERNAME && env.CANADAPOST_PASSWORD
      ? createCanadaPostAdapter({ username: env.CANADAPOST_USERNAME, password: env.CANADAPOST_PASSWORD, ...optional('baseUrl', env.CANADAPOST_BASE_URL) })
      : undefined,
  capabilities: { canRegisterShipments: false, hasWebhooks: false, canPoll: true },
};
