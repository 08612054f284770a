import { randomUUID } from 'node:crypto';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import type { CarrierHttpRequest } from '../http/carrier-http.js';
import { mapCarrierBody, OAuthCarrierHttp, type OAuthClientOptions } from '../http/client-support.js';
import { mapFedexTrackResponse } from './mapper.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const FEDEX_TRACKING_URL = 'https://www.fedex.com/fedextrack/?trknbr={n}';

/** Production API host. The sandbox is `https://apis-sandbox.fedex.com`. */
export const FEDEX_PRODUCTION_BASE_URL = 'https://apis.fedex.com';

/** Most tracking numbers FedEx accepts in one `trackingInfo` array. */
export const FEDEX_MAX_BATCH = 30;

/** Connection and credentials for the FedEx Track API. */
export interface FedexClientOptions extends OAuthClientOptions {
  /** Default {@link FEDEX_PRODUCTION_BASE_URL}; `https://apis-sandbox.fedex.com` for the sandbox. */
  baseUrl?: string;
  /**
   * Default: bursts of 1,400 refilled at 140/s, i.e. FedEx's documented 1,400 transactions per 10 s per
   * project. Lower it when several processes share one project.
   */
  rateLimit?: { capacity: number; refillPerSecond: number };
}

/** FedEx OAuth2 client-credentials + Track API v1 (`POST /track/v1/trackingnumbers`). */
export class FedexClient {
  private readonly api: OAuthCarrierHttp;

  constructor(private readonly opts: FedexClientOptions) {
    this.api = new OAuthCarrierHttp({
      ...opts,
      carrier: 'fedex',
      baseUrl: opts.baseUrl ?? FEDEX_PRODUCTION_BASE_URL,
      rateLimit: opts.rateLimit ?? { capacity: 1400, refillPerSecond: 140 },
      tokenRequest: () => this.tokenRequest(),
    });
  }

  /** Looks up any number of tracking numbers, 30 per call, one update per number in request order. */
  async track(trackingNumbers: string[]): Promise<TrackingUpdate[]> {
    const updates: TrackingUpdate[] = [];
    for (let i = 0; i < trackingNumbers.length; i += FEDEX_MAX_BATCH) {
      updates.push(...(await this.trackBatch(trackingNumbers.slice(i, i + FEDEX_MAX_BATCH))));
    }
    return updates;
  }

  private async trackBatch(batch: string[]): Promise<TrackingUpdate[]> {
    const body = JSON.stringify({
      includeDetailedScans: true,
      trackingInfo: batch.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
    });
    const res = await this.api.requestWithToken(() => ({
      method: 'POST',
      path: '/track/v1/trackingnumbers',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-locale': 'en_US',
        // Echoed back as customerTransactionId: lets FedEx support find this exact call.
        'x-customer-transaction-id': randomUUID(),
      },
      body,
    }));
    const updates = mapCarrierBody('fedex', () => mapFedexTrackResponse(res.text));
    // FedEx echoes each requested number; one it left out is reported as "no news" rather than dropped.
    return batch.map((n) => updates.find((u) => u.trackingNumber === n) ?? { trackingNumber: n, events: [] });
  }

  /** `POST /oauth/token` with form `grant_type=client_credentials&client_id=…&client_secret=…`. */
  private tokenRequest(): CarrierHttpRequest {
    return {
      method: 'POST',
      path: '/oauth/token',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.opts.clientId,
        client_secret: this.opts.clientSecret,
      }),
    };
  }
}
