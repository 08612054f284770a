export { manifest } from './manifest.js';
export { createUspsAdapter, type UspsAdapterOptions } from './adapter.js';
export { USPS_PRODUCTION_BASE_URL } from './client.js';
export { normalizeBody } from './normalize.js';
