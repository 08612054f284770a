export { manifest } from './manifest.js';
export { createFedexAdapter, type FedexAdapterOptions } from './adapter.js';
export { FEDEX_MAX_BATCH, FEDEX_PRODUCTION_BASE_URL } from './client.js';
export { normalizeBody } from './normalize.js';
