import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { unauthorized } from '../errors.js';

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

/** Rejects with 401 unless the request carries one of `keys`. */
export function apiKeyAuth(keys: () => string[]): MiddlewareHandler {
  return async (c, next) => {
    const key = presentedKey((name) => c.req.header(name));
    const allowed = keys();
    if (!key || allowed.length === 0 || !keyMatches(key, allowed)) throw unauthorized();
    await next();
  };
}
