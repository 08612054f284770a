import { randomUUID } from 'node:crypto';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { mapCarrierBody, parseOAuthTokenResponse, withBearerToken } from '../http/client-support.js';
import { OAuthTokenCache } from '../http/oauth-token-cache.js';
import { mapUpsTrackResponse } from './mapper.js';

/** Production API host. The Customer Integration Environment (test) is `https://wwwcie.ups.com`. */
export const UPS_PRODUCTION_BASE_URL = 'https://onlinetools.ups.com';

/** Connection and credentials for the UPS Track API. */
export interface UpsClientOptions {
  /** Default {@link UPS_PRODUCTION_BASE_URL}; `https://wwwcie.ups.com` for CIE testing. */
  baseUrl?: string;
  clientId: string;
  clientSecret: string;
  /** 6-digit UPS account number, sent as `x-merchant-id` when asking for a token. */
  merchantId?: string;
  /** `transactionSrc` header (required by UPS): names the calling application. Default `order-tracking`. */
  transactionSrc?: string;
  timeoutMs?: number;
  /** UPS publishes no numbers (only "429 Quota Limit Exceeded"), so there is no limit unless configured. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  /** Default: open after 5 consecutive transient failures, trial again after 30 s. */
  breaker?: { failureThreshold: number; resetAfterMs: number };
  fetchImpl?: typeof fetch;
  /** Clock for token expiry (tests). */
  now?: () => number;
}

/** UPS OAuth2 client-credentials + Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`). */
export class UpsClient {
  private readonly http: CarrierHttp;
  private readonly tokens: OAuthTokenCache;
  private readonly transactionSrc: string;

  constructor(private readonly opts: UpsClientOptions) {
    this.http = new CarrierHttp({
      carrier: 'ups',
      baseUrl: opts.baseUrl ?? UPS_PRODUCTION_BASE_URL,
      timeoutMs: opts.timeoutMs,
      rateLimit: opts.rateLimit,
      breaker: opts.breaker ?? { failureThreshold: 5, resetAfterMs: 30_000 },
      fetchImpl: opts.fetchImpl,
    });
    this.tokens = new OAuthTokenCache(() => this.fetchToken(), { now: opts.now });
    this.transactionSrc = opts.transactionSrc ?? 'order-tracking';
  }

  /** Looks up one number; `notFound` for UPS's TW0001 warning. 4xx (e.g. 400 TV1002) → PermanentCarrierError. */
  async track(trackingNumber: string): Promise<TrackingUpdate> {
    const res = await withBearerToken(this.tokens, (token) =>
      this.http.request({
        method: 'GET',
        path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
        query: { locale: 'en_US' },
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          // Unique per request (UPS requires it; 32 chars is its documented maximum).
          transId: randomUUID().replace(/-/g, ''),
          transactionSrc: this.transactionSrc,
        },
      }),
    );
    const updates = mapCarrierBody('ups', () => mapUpsTrackResponse(res.text, trackingNumber));
    return updates.find((u) => u.trackingNumber === trackingNumber) ?? updates[0] ?? { trackingNumber, events: [] };
  }

  /** `POST /security/v1/oauth/token`: HTTP Basic client id/secret, form `grant_type=client_credentials`. */
  private async fetchToken() {
    const basic = Buffer.from(`${this.opts.clientId}:${this.opts.clientSecret}`, 'utf8').toString('base64');
    const res = await this.http.request({
      method: 'POST',
      path: '/security/v1/oauth/token',
      headers: {
        accept: 'application/json',
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.opts.merchantId ? { 'x-merchant-id': this.opts.merchantId } : {}),
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    return parseOAuthTokenResponse('ups', res.text);
  }
}
