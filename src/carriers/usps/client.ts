import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-errors.js';
import type { CarrierHttpRequest } from '../http/carrier-http.js';
import { mapCarrierBody, OAuthCarrierHttp, type OAuthClientOptions } from '../http/client-support.js';
import { mapUspsTrackingBody } from './normalize.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const USPS_TRACKING_URL = 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}';

/** Production API host. The test environment (TEM) is `https://apis-tem.usps.com`. */
export const USPS_PRODUCTION_BASE_URL = 'https://apis.usps.com';

/** Connection and credentials for USPS APIs v3 (Tracking). */
export interface UspsClientOptions extends OAuthClientOptions {
  /** Default {@link USPS_PRODUCTION_BASE_URL}; `https://apis-tem.usps.com` for the test environment. */
  baseUrl?: string;
  /** USPS documents 429/503 with Retry-After but no numbers, so there is no limit unless configured. */
  rateLimit?: { capacity: number; refillPerSecond: number };
}

/** USPS OAuth2 client-credentials (`/oauth2/v3/token`) + Tracking v3 (`/tracking/v3/tracking/{n}`). */
export class UspsClient {
  private readonly api: OAuthCarrierHttp;

  constructor(private readonly opts: UspsClientOptions) {
    this.api = new OAuthCarrierHttp({
      ...opts,
      carrier: 'usps',
      baseUrl: opts.baseUrl ?? USPS_PRODUCTION_BASE_URL,
      tokenRequest: () => this.tokenRequest(),
    });
  }

  /** Looks up one number with `expand=DETAIL`. USPS answers an unknown number with 404: that is `notFound`. */
  async track(trackingNumber: string): Promise<TrackingUpdate> {
    let text: string;
    try {
      const res = await this.api.requestWithToken(() => ({
        method: 'GET',
        path: `/tracking/v3/tracking/${encodeURIComponent(trackingNumber)}`,
        query: { expand: 'DETAIL' },
        headers: { accept: 'application/json' },
      }));
      text = res.text;
    } catch (error) {
      if (error instanceof PermanentCarrierError && error.code === 'HTTP_404') return { trackingNumber, events: [], notFound: true };
      throw error;
    }
    const updates = mapCarrierBody('usps', () => mapUspsTrackingBody(text, trackingNumber));
    return updates[0] ?? { trackingNumber, events: [] };
  }

  /** `POST /oauth2/v3/token` with a JSON body (USPS takes JSON here, not a form). */
  private tokenRequest(): CarrierHttpRequest {
    return {
      method: 'POST',
      path: '/oauth2/v3/token',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: this.opts.clientId,
        client_secret: this.opts.clientSecret,
        grant_type: 'client_credentials',
      }),
    };
  }
}
