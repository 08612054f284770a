import { PermanentCarrierError } from '../carrier-errors.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { shippoTrackSchema, type ShippoTrack } from './schemas.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const SHIPPO_TRACKING_URL = 'https://goshippo.com/tracking/{n}';

/** Connection settings for the Shippo API. */
export interface ShippoClientOptions {
  /** Default `https://api.goshippo.com`. */
  baseUrl?: string;
  apiToken: string;
  fetchImpl?: typeof fetch;
}

/** Reads a Track; a 2xx body we cannot read will not improve on retry, so it is permanent. */
function readTrack(text: string): ShippoTrack {
  try {
    return parseWithSchema(shippoTrackSchema, parseJsonBody(text), 'track');
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new PermanentCarrierError(`shippo answered an unreadable body: ${error.reason}`, 'INVALID_RESPONSE');
    }
    throw error;
  }
}

/** Shippo tracking API, authenticated with `Authorization: ShippoToken <token>`. */
export class ShippoClient {
  private readonly http: CarrierHttp;
  private readonly headers: Record<string, string>;

  constructor(options: ShippoClientOptions) {
    this.http = new CarrierHttp({
      carrier: 'shippo',
      baseUrl: options.baseUrl ?? 'https://api.goshippo.com',
      // Shippo publishes no fixed rate; its 429s carry the back-off. The breaker stops hammering an outage.
      breaker: { failureThreshold: 5, resetAfterMs: 30_000 },
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
    this.headers = { authorization: `ShippoToken ${options.apiToken}`, accept: 'application/json' };
  }

  /**
   * Registers a number for `track_updated` webhooks (a webhook must already exist in the Shippo account).
   * `carrier` is Shippo's carrier token (`usps`, `ups`, `fedex`, `canada_post`, …).
   */
  async registerTrack(carrier: string, trackingNumber: string, metadata?: string): Promise<ShippoTrack> {
    const body = metadata ? { carrier, tracking_number: trackingNumber, metadata } : { carrier, tracking_number: trackingNumber };
    const res = await this.http.request({
      method: 'POST',
      path: '/tracks/',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return readTrack(res.text);
  }

  /** Gets the current status and history of one number. */
  async getTrack(carrier: string, trackingNumber: string): Promise<ShippoTrack> {
    const path = `/tracks/${encodeURIComponent(carrier)}/${encodeURIComponent(trackingNumber)}`;
    const res = await this.http.request({ method: 'GET', path, headers: this.headers });
    return readTrack(res.text);
  }
}
