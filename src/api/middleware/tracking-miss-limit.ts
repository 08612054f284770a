import type { MiddlewareHandler } from 'hono';
import type { AbuseLimits } from './abuse-limits.js';
import { presentedKey, tooManyRequests } from './api-key-auth.js';

/**
 * Tracking look-ups by number answer 200 or 404: with a leaked key, an enumeration oracle. Look-ups that
 * find nothing are counted per key; past the limit that key's look-ups get 429 until the window ends.
 * Look-ups that find an order cost nothing.
 */
export function trackingMissLimit(limits: AbuseLimits): MiddlewareHandler {
  return async (c, next) => {
    const key = presentedKey((name) => c.req.header(name)) ?? '';
    const wait = limits.trackingBlocked(key);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw tooManyRequests(wait, 'tracking look-ups that found nothing');
    }
    await next();
    if (c.res.status === 404) await limits.trackingMissed(key);
  };
}
