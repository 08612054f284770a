import { PermanentCarrierError } from '../carrier-errors.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { easyPostTrackerListSchema, easyPostTrackerSchema, type EasyPostTracker } from './schemas.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const EASYPOST_TRACKING_URL = 'https://track.easypost.com/{n}';

/** Connection settings for the EasyPost API. */
export interface EasyPostClientOptions {
  /** Default `https://api.easypost.com`. */
  baseUrl?: string;
  apiKey: string;
  fetchImpl?: typeof fetch;
}

/** Reads a 2xx body; a shape we cannot read will not improve on retry, so it is permanent. */
function read<T>(text: string, parse: (value: unknown) => T): T {
  try {
    return parse(parseJsonBody(text));
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new PermanentCarrierError(`easypost answered an unreadable body: ${error.reason}`, 'INVALID_RESPONSE');
    }
    throw error;
  }
}

/** EasyPost tracker API: HTTP Basic with the API key as user name and an empty password. */
export class EasyPostClient {
  private readonly http: CarrierHttp;
  private readonly headers: Record<string, string>;

  constructor(options: EasyPostClientOptions) {
    this.http = new CarrierHttp({
      carrier: 'easypost',
      baseUrl: options.baseUrl ?? 'https://api.easypost.com',
      // EasyPost publishes no fixed rate; its 429s carry the back-off. The breaker stops hammering an outage.
      breaker: { failureThreshold: 5, resetAfterMs: 30_000 },
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
    this.headers = {
      authorization: `Basic ${Buffer.from(`${options.apiKey}:`, 'utf8').toString('base64')}`,
      accept: 'application/json',
    };
  }

  /**
   * Creates (registers) a tracker so EasyPost starts posting `tracker.*` webhooks. EasyPost answers an
   * existing tracker for the same code and carrier instead of a duplicate, so repeating this is safe.
   * `carrier` is optional (EasyPost detects it) and uses EasyPost's names (`USPS`, `UPS`, `FedEx`).
   */
  async createTracker(trackingCode: string, carrier?: string): Promise<EasyPostTracker> {
    const tracker = carrier ? { tracking_code: trackingCode, carrier } : { tracking_code: trackingCode };
    const res = await this.http.request({
      method: 'POST',
      path: '/v2/trackers',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ tracker }),
    });
    return read(res.text, (value) => parseWithSchema(easyPostTrackerSchema, value, 'tracker'));
  }

  /** Retrieves one tracker by its id (`trk_…`). */
  async retrieveTracker(id: string): Promise<EasyPostTracker> {
    const res = await this.http.request({ method: 'GET', path: `/v2/trackers/${encodeURIComponent(id)}`, headers: this.headers });
    return read(res.text, (value) => parseWithSchema(easyPostTrackerSchema, value, 'tracker'));
  }

  /** Lists the trackers for one tracking code (several when it was tracked under different carriers). */
  async listTrackers(trackingCode: string, carrier?: string): Promise<EasyPostTracker[]> {
    const res = await this.http.request({
      method: 'GET',
      path: '/v2/trackers',
      query: { tracking_code: trackingCode, carrier },
      headers: this.headers,
    });
    return read(res.text, (value) =>
      parseWithSchema(easyPostTrackerListSchema, value, 'tracker list').trackers.map((t) => parseWithSchema(easyPostTrackerSchema, t, 'tracker')),
    );
  }
}
