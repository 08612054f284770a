import { z } from 'zod';
import { PermanentCarrierError, TransientCarrierError } from '../carrier-errors.js';
import type { CarrierId } from '../carrier-adapter.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { CarrierHttp, type CarrierHttpOptions, type CarrierHttpRequest, type CarrierHttpResponse } from './carrier-http.js';
import { OAuthTokenCache, type FetchedToken } from './oauth-token-cache.js';

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
 * Credentials and connection settings every OAuth2 client-credentials carrier client takes (UPS, FedEx, USPS);
 * each client adds its `baseUrl` and documents its `rateLimit` default.
 */
export interface OAuthClientOptions extends Pick<CarrierHttpOptions, 'timeoutMs' | 'rateLimit' | 'fetchImpl'> {
  clientId: string;
  clientSecret: string;
  /** Default: open after 5 consecutive transient failures, trial again after 30 s. */
  breaker?: CarrierHttpOptions['breaker'];
  /** Clock for token expiry (tests). */
  now?: () => number;
}

/** Options of {@link OAuthCarrierHttp}: where the API is, and the carrier's own token request. */
export interface OAuthCarrierHttpOptions extends CarrierHttpOptions, Pick<OAuthClientOptions, 'now'> {
  /** The client-credentials token call, whose 200 body is an RFC 6749 token response. Built afresh per fetch. */
  tokenRequest: () => CarrierHttpRequest;
}

/**
 * A carrier API behind an OAuth2 client-credentials token: one {@link CarrierHttp} (breaker default as in
 * {@link OAuthClientOptions}) for the token endpoint and the API, and an {@link OAuthTokenCache} that fetches
 * tokens with the carrier's `tokenRequest`.
 */
export class OAuthCarrierHttp {
  private readonly http: CarrierHttp;
  private readonly tokens: OAuthTokenCache;

  constructor(private readonly options: OAuthCarrierHttpOptions) {
    this.http = new CarrierHttp({
      carrier: options.carrier,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      rateLimit: options.rateLimit,
      breaker: options.breaker ?? { failureThreshold: 5, resetAfterMs: 30_000 },
      fetchImpl: options.fetchImpl,
    });
    this.tokens = new OAuthTokenCache(() => this.fetchToken(), { now: options.now });
  }

  /**
   * Sends `build()` with `Authorization: Bearer <token>` (see {@link withBearerToken}); the request is built
   * afresh for the retry after a 401, so per-request ids stay unique.
   */
  requestWithToken(build: () => CarrierHttpRequest): Promise<CarrierHttpResponse> {
    return withBearerToken(this.tokens, (token) => {
      const req = build();
      return this.http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    });
  }

  private async fetchToken(): Promise<FetchedToken> {
    const res = await this.http.request(this.options.tokenRequest());
    return parseOAuthTokenResponse(this.options.carrier, res.text);
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

/**
 * Reads a 404 whose documented body means "not found" (requested with `acceptStatuses: [404]`): when `map`
 * turns the body into not-found updates only, they are the answer. Any other 404 (a wrong base URL, a proxy's
 * page) is still a failure: `PermanentCarrierError` `HTTP_404`, named by `what` (`<carrier> <METHOD> <path>`,
 * as CarrierHttp names requests) and never by the body.
 */
export function mapNotFound404<T extends { notFound?: boolean }>(what: string, map: () => T[]): T[] {
  let updates: T[] | undefined;
  try {
    updates = map();
  } catch {
    updates = undefined;
  }
  if (updates?.every((update) => update.notFound === true)) return updates;
  throw new PermanentCarrierError(`${what} failed: HTTP 404`, 'HTTP_404');
}
