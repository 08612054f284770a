export { safeEqual } from './constant-time.js';
export { hmacBase64, hmacHex, type HmacKey } from './hmac.js';
export { isIpAllowed, isValidAllowList } from './ip-allow-list.js';
export { WebhookPayloadError } from './errors.js';
export { parseJsonBody, parseWithSchema } from './json-body.js';
