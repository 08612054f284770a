import { randomUUID } from 'node:crypto';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import type { CarrierHttpRequest } from '../http/carrier-http.js';
import { mapCarrierBody, OAuthCarrierHttp, type OAuthClientOptions } from '../http/client-support.js';
import { mapUpsTrackResponse } from './mapper.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const UPS_TRACKING_URL = 'https://www.ups.com/track?tracknum={n}';

/** Production API host. The Customer Integration Environment (test) is `https://wwwcie.ups.com`. */
export const UPS_PRODUCTION_BASE_URL = 'https://onlinetools.ups.com';

/** Connection and credentials for the UPS Track API. */
export interface UpsClientOptions extends OAuthClientOptions {
  /** Default {@link UPS_PRODUCTION_BASE_URL}; `https://wwwcie.ups.com` for CIE testing. */
  baseUrl?: string;
  /** 6-digit UPS account number, sent as `x-merchant-id` when asking for a token. */
  merchantId?: string;
  /** `transactionSrc` header (required by UPS): names the calling application. Default `order-tracking`. */
  transactionSrc?: string;
  /** UPS publishes no numbers (only "429 Quota Limit Exceeded"), so there is no limit unless configured. */
  rateLimit?: { capacity: number; refillPerSecond: number };
}

/** UPS OAuth2 client-credentials + Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`). */
export class UpsClient {
  private readonly api: OAuthCarrierHttp;
  private readonly transactionSrc: string;

  constructor(private readonly opts: UpsClientOptions) {
    this.api = new OAuthCarrierHttp({
      ...opts,
      carrier: 'ups',
      baseUrl: opts.baseUrl ?? UPS_PRODUCTION_BASE_URL,
      tokenRequest: () => this.tokenRequest(),
    });
    this.transactionSrc = opts.transactionSrc ?? 'order-tracking';
  }

  /** Looks up one number; `notFound` for UPS's TW0001 warning. 4xx (e.g. 400 TV1002) → PermanentCarrierError. */
  async track(trackingNumber: string): Promise<TrackingUpdate> {
    const res = await this.api.requestWithToken(() => ({
      method: 'GET',
      path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
      query: { locale: 'en_US' },
      headers: {
        accept: 'application/json',
        // Unique per request (UPS requires it; 32 chars is its documented maximum).
        transId: randomUUID().replace(/-/g, ''),
        transactionSrc: this.transactionSrc,
      },
    }));
    const updates = mapCarrierBody('ups', () => mapUpsTrackResponse(res.text, trackingNumber));
    return updates.find((u) => u.trackingNumber === trackingNumber) ?? updates[0] ?? { trackingNumber, events: [] };
  }

  /** `POST /security/v1/oauth/token`: HTTP Basic client id/secret, form `grant_type=client_credentials`. */
  private tokenRequest(): CarrierHttpRequest {
    const basic = Buffer.from(`${this.opts.clientId}:${this.opts.clientSecret}`, 'utf8').toString('base64');
    return {
      method: 'POST',
      path: '/security/v1/oauth/token',
      headers: {
        accept: 'application/json',
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.opts.merchantId ? { 'x-merchant-id': this.opts.merchantId } : {}),
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    };
  }
}
