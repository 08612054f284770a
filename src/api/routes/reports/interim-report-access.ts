import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../../app-env.js';
import { AppError } from '../../errors.js';
import { apiKeyAuth, presentedKey } from '../../middleware/api-key-auth.js';

const digest = (key: string) => createHash('sha256').update(key).digest();

/**
 * Who may read reports until the shared staff middleware (session cookie or API key → actor) lands:
 * a storefront key is recognised and refused with 403 (it is a valid key, just not for this), anything
 * else must be an admin key (401 otherwise, counted by the abuse limits like every admin route).
 */
export function interimReportAccess(deps: AppDeps): MiddlewareHandler {
  const admin = apiKeyAuth(() => deps.auth.adminApiKeys, deps.abuseLimits ? { limits: deps.abuseLimits, logger: deps.logger } : undefined);
  return async (c, next) => {
    const key = presentedKey((name) => c.req.header(name));
    if (key !== undefined) {
      const presented = digest(key);
      let storefront = false;
      for (const k of deps.auth.storefrontApiKeys) storefront = timingSafeEqual(presented, digest(k)) || storefront;
      if (storefront && !deps.auth.adminApiKeys.includes(key)) throw new AppError(403, 'FORBIDDEN', 'This key may not read reports.');
    }
    return admin(c, next);
  };
}
