import { PermanentCarrierError } from '../carrier-errors.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { AFTERSHIP_RATE_LIMITS, withRetryAfterFromReset } from './rate-limit.js';
import { afterShipApiEnvelopeSchema, afterShipTrackingSchema, type AfterShipTracking } from './schemas.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const AFTERSHIP_TRACKING_URL = 'https://track.aftership.com/{n}';

/** Connection settings for the AfterShip Tracking API. */
export interface AfterShipClientOptions {
  /** Default `https://api.aftership.com/tracking/2025-01` (the version the payload handling targets). */
  baseUrl?: string;
  apiKey: string;
  fetchImpl?: typeof fetch;
}

/** Most tracking numbers one `GET /trackings?tracking_numbers=` accepts. */
export const AFTERSHIP_MAX_NUMBERS_PER_LIST = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `{ meta, data }`; a 2xx body we cannot read will not improve on retry, so it is permanent. */
function readData(text: string): unknown {
  try {
    return parseWithSchema(afterShipApiEnvelopeSchema, parseJsonBody(text), 'API response').data;
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new PermanentCarrierError(`aftership answered an unreadable body: ${error.reason}`, 'INVALID_RESPONSE');
    }
    throw error;
  }
}

function readTracking(value: unknown): AfterShipTracking {
  // 2025-01 answers the tracking as `data`; older versions wrapped it in `data.tracking`.
  const tracking = isRecord(value) && isRecord(value.tracking) ? value.tracking : value;
  const parsed = afterShipTrackingSchema.safeParse(tracking);
  if (!parsed.success) throw new PermanentCarrierError('aftership answered a tracking without tracking_number', 'INVALID_RESPONSE');
  return parsed.data;
}

/** AfterShip Tracking API, authenticated with the `as-api-key` header. */
export class AfterShipClient {
  private readonly create: CarrierHttp;
  private readonly list: CarrierHttp;
  private readonly byId: CarrierHttp;
  private readonly headers: Record<string, string>;

  constructor(options: AfterShipClientOptions) {
    const base = {
      carrier: 'aftership' as const,
      baseUrl: options.baseUrl ?? 'https://api.aftership.com/tracking/2025-01',
      breaker: { failureThreshold: 5, resetAfterMs: 30_000 },
      fetchImpl: withRetryAfterFromReset(options.fetchImpl ?? fetch),
    };
    this.create = new CarrierHttp({ ...base, rateLimit: AFTERSHIP_RATE_LIMITS.createTracking });
    this.list = new CarrierHttp({ ...base, rateLimit: AFTERSHIP_RATE_LIMITS.listTrackings });
    this.byId = new CarrierHttp({ ...base, rateLimit: AFTERSHIP_RATE_LIMITS.trackingById });
    this.headers = { 'as-api-key': options.apiKey, accept: 'application/json' };
  }

  /** Registers a tracking so AfterShip starts sending webhooks; `slug` is the courier (detected when omitted). */
  async createTracking(trackingNumber: string, slug?: string): Promise<AfterShipTracking> {
    const body = slug ? { tracking_number: trackingNumber, slug } : { tracking_number: trackingNumber };
    const res = await this.create.request({
      method: 'POST',
      path: '/trackings',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return readTracking(readData(res.text));
  }

  /** Gets one tracking by AfterShip's id. */
  async getTracking(id: string): Promise<AfterShipTracking> {
    const res = await this.byId.request({ method: 'GET', path: `/trackings/${encodeURIComponent(id)}`, headers: this.headers });
    return readTracking(readData(res.text));
  }

  /** Lists the trackings of up to {@link AFTERSHIP_MAX_NUMBERS_PER_LIST} numbers in one call. */
  async listTrackings(trackingNumbers: string[]): Promise<AfterShipTracking[]> {
    if (trackingNumbers.length > AFTERSHIP_MAX_NUMBERS_PER_LIST) {
      throw new PermanentCarrierError(`at most ${AFTERSHIP_MAX_NUMBERS_PER_LIST} numbers per AfterShip list call`, 'BATCH_TOO_LARGE');
    }
    const res = await this.list.request({
      method: 'GET',
      path: '/trackings',
      query: { tracking_numbers: trackingNumbers.join(',') },
      headers: this.headers,
    });
    const data = readData(res.text);
    const trackings = isRecord(data) && Array.isArray(data.trackings) ? data.trackings : [];
    return trackings.map(readTracking);
  }
}
