import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../observability/logger.js';
import { AppError, unauthorized } from '../errors.js';
import { clientAddress, type AbuseLimits } from './abuse-limits.js';

/** Compares digests so neither the length nor the content of a key leaks through timing. */
function keyMatches(candidate: string, keys: string[]): boolean {
  const digest = createHash('sha256').update(candidate).digest();
  let match = false;
  for (const key of keys) {
    match = timingSafeEqual(digest, createHash('sha256').update(key).digest()) || match;
  }
  return match;
}

/** Reads the key from `Authorization: Bearer <key>` or `X-Api-Key`. */
export function presentedKey(header: (name: string) => string | undefined): string | undefined {
  const auth = header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return header('x-api-key')?.trim() || undefined;
}

/** 429 with the seconds to wait. */
export function tooManyRequests(retryAfterSeconds: number, what: string): AppError {
  return new AppError(429, 'RATE_LIMITED', `Too many ${what}; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/**
 * Rejects with 401 unless the request carries one of `keys` (or a stored key `storedKeyAllowed` accepts). A refusal is logged (path, client address,
 * whether a key was sent; never the key) and counted per client address: past the limit the client gets
 * 429 with Retry-After, from every API process, until the window ends.
 */
export function apiKeyAuth(
  keys: () => string[],
  guard?: { limits: AbuseLimits; logger: Logger },
  /** Keys stored in the database (`otk_live_…` with the route's scope), asked only when the listed keys do not match. */
  storedKeyAllowed?: (key: string) => Promise<boolean>,
): MiddlewareHandler {
  return async (c, next) => {
    const client = clientAddress(c);
    const wait = guard?.limits.authBlocked(client) ?? 0;
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw tooManyRequests(wait, 'failed authentications');
    }
    const key = presentedKey((name) => c.req.header(name));
    const allowed = keys();
    const listed = key !== undefined && allowed.length > 0 && keyMatches(key, allowed);
    if (!key || (!listed && !(await storedKeyAllowed?.(key)))) {
      if (guard) {
        guard.logger.warn('API key refused', { path: c.req.path, client, keySent: key !== undefined });
        const over = await guard.limits.authFailed(client);
        if (over > 0) {
          c.header('Retry-After', String(over));
          throw tooManyRequests(over, 'failed authentications');
        }
      }
      throw unauthorized();
    }
    await next();
  };
}
