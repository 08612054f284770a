import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** HSTS for a year once the public address is https; never on plain http (a dev stack would be locked out). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer: no MIME sniffing, no framing (X-Frame-Options DENY and CSP
 * frame-ancestors 'none'), no referrer (a tracking page's URL holds its token), HSTS only behind https.
 * A response that sets one of these itself keeps its own (`overwrite: false`): a page may send a fuller
 * CSP, which should then say `frame-ancestors 'none'` too; carrier logos allow cross-origin embedding.
 */
export function securityHeaders(publicBaseUrl: string): MiddlewareHandler {
  return secureHeaders({
    xFrameOptions: 'DENY',
    contentSecurityPolicy: { frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: publicBaseUrl.startsWith('https://') ? HSTS : false,
    overwrite: false,
  });
}
