import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-adapter.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { mapDhlTrackingBody } from './mapper.js';

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

// Marks a 404 we let through as 2xx so its body can be read (CarrierHttp discards non-2xx bodies).
const PASSED_404 = 'x-order-tracking-passed-status';

/**
 * Lets 404 answers reach us with their body: DHL's RFC 7807 "No result found" is an answer (the number
 * is unknown), not a failure, but a 404 from a wrong base URL must still fail loudly. The body decides.
 */
function keep404Body(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await fetchImpl(input, init);
    if (res.status !== 404) return res;
    const headers = new Headers(res.headers);
    headers.set(PASSED_404, '404');
    return new Response(await res.text(), { status: 200, headers });
  };
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
      fetchImpl: keep404Body(options.fetchImpl ?? fetch),
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
    });
    if (response.headers.get(PASSED_404) === null) return mapDhlTrackingBody(response.text, trackingNumber);
    let updates: TrackingUpdate[] | undefined;
    try {
      updates = mapDhlTrackingBody(response.text, trackingNumber);
    } catch {
      updates = undefined;
    }
    if (updates?.every((update) => update.notFound === true)) return updates;
    throw new PermanentCarrierError('dhl GET /track/shipments failed: HTTP 404', 'HTTP_404');
  }
}
