export { manifest } from './manifest.js';
export { createUpsAdapter, type UpsAdapterOptions } from './adapter.js';
export { UPS_PRODUCTION_BASE_URL } from './client.js';
export { normalizeBody } from './normalize.js';
