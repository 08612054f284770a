import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { mapNotFound404 } from '../http/client-support.js';
import { mapDhlTrackingBody } from './mapper.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const DHL_TRACKING_URL = 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}';

/** Production host of DHL Shipment Tracking – Unified (there is no external test environment). */
export const DHL_DEFAULT_BASE_URL = 'https://api-eu.dhl.com';

/**
 * DHL's initial service level is 250 calls per day and at most 1 call per second (the daily quota resets
 * at 24:00 GMT). The bucket enforces the per-second limit; the daily quota is the poll schedule's job
 * (with 250 calls, ~10 active DHL shipments polled hourly already use it up). Higher limits are granted on
 * request, hence overridable.
 */
export const DHL_DEFAULT_RATE_LIMIT = { capacity: 1, refillPerSecond: 1 };

/** Options of {@link DhlClient}. */
export interface DhlClientOptions {
  /** Defaults to {@link DHL_DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** Sent as the `DHL-API-Key` header (never as a query parameter, which would end up in access logs). */
  apiKey: string;
  fetchImpl?: typeof fetch;
  /** DHL division (`express`, `parcel-de`, …); without it DHL may answer with another division's shipment. */
  service?: string;
  /** Defaults to {@link DHL_DEFAULT_RATE_LIMIT}. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  timeoutMs?: number;
}

/** I/O for DHL Unified tracking: one tracking number per call (DHL takes no batches). */
export class DhlClient {
  private readonly http: CarrierHttp;

  constructor(private readonly options: DhlClientOptions) {
    this.http = new CarrierHttp({
      carrier: 'dhl',
      baseUrl: options.baseUrl ?? DHL_DEFAULT_BASE_URL,
      timeoutMs: options.timeoutMs,
      rateLimit: options.rateLimit ?? DHL_DEFAULT_RATE_LIMIT,
      // Five straight outages open the circuit for a minute so a DHL outage does not burn the daily quota.
      breaker: { failureThreshold: 5, resetAfterMs: 60_000 },
      fetchImpl: options.fetchImpl,
    });
  }

  /**
   * `GET /track/shipments?trackingNumber=…[&service=…]`. Resolves `notFound: true` for DHL's documented
   * 404 problem body.
   * @throws TransientCarrierError (network, timeout, 429, 5xx) or PermanentCarrierError (other 4xx, odd bodies).
   */
  async track(trackingNumber: string): Promise<TrackingUpdate[]> {
    const response = await this.http.request({
      method: 'GET',
      path: '/track/shipments',
      query: { trackingNumber, service: this.options.service },
      headers: { 'DHL-API-Key': this.options.apiKey, Accept: 'application/json' },
      // DHL's RFC 7807 "No result found" comes as a 404: an answer (the number is unknown) when the body says so.
      acceptStatuses: [404],
    });
    const map = () => mapDhlTrackingBody(response.text, trackingNumber);
    return response.status === 404 ? mapNotFound404('dhl GET /track/shipments', map) : map();
  }
}
