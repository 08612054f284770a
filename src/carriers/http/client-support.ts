import { z } from 'zod';
import { PermanentCarrierError, TransientCarrierError, type CarrierId } from '../carrier-adapter.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import type { FetchedToken, OAuthTokenCache } from './oauth-token-cache.js';

/**
 * RFC 6749 token response as UPS, FedEx and USPS send it. `expires_in` is a string of seconds at UPS and USPS
 * and a number at FedEx; a missing one falls back to 1 h (all three document about that lifetime) rather
 * than caching a token forever.
 */
const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.string(), z.number()]).optional(),
});

/** Reads a token endpoint's 200 body; an unreadable one is a carrier hiccup (transient), never echoed. */
export function parseOAuthTokenResponse(carrier: CarrierId, text: string): FetchedToken {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TransientCarrierError(`${carrier} token response is not JSON`, 'INVALID_RESPONSE');
  }
  const parsed = tokenResponseSchema.safeParse(value);
  if (!parsed.success) throw new TransientCarrierError(`${carrier} token response has no access_token`, 'INVALID_RESPONSE');
  const seconds = Number(parsed.data.expires_in ?? 3600);
  return { accessToken: parsed.data.access_token, expiresInSec: Number.isFinite(seconds) && seconds > 0 ? seconds : 3600 };
}

/**
 * Calls `fn` with a bearer token; on a 401 the cached token is dropped and the call retried once with a fresh
 * one (tokens can be revoked or rotated before their stated expiry). A second 401 is a real auth failure.
 */
export async function withBearerToken<T>(tokens: OAuthTokenCache, fn: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.get();
  try {
    return await fn(token);
  } catch (error) {
    if (!(error instanceof PermanentCarrierError) || error.code !== 'HTTP_401') throw error;
    tokens.invalidate();
    return fn(await tokens.get());
  }
}

/**
 * Runs a pure body mapper on a 2xx body. A body that is not the documented JSON (a proxy's HTML page, a
 * truncated answer) becomes a transient failure: retrying later is the only sensible reaction.
 */
export function mapCarrierBody<T>(carrier: CarrierId, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new TransientCarrierError(`${carrier} answered an unreadable body: ${error.reason}`, 'INVALID_RESPONSE');
    }
    throw error;
  }
}
