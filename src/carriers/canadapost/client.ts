import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { mapNotFound404 } from '../http/client-support.js';
import { mapCanadaPostTrackingBody } from './mapper.js';

/** The carrier's public tracking page; `{n}` is the URL-encoded tracking number. */
export const CANADA_POST_TRACKING_URL = 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}';

/** Production gateway; the developer sandbox is `https://ct.soa-gw.canadapost.ca`. */
export const CANADA_POST_DEFAULT_BASE_URL = 'https://soa-gw.canadapost.ca';

/**
 * Media type of the tracking service's first version, whose XML namespace is
 * `http://www.canadapost.ca/ws/track` — the namespace of Canada Post's documented sample we test with.
 * (`application/vnd.cpc.track-v2+xml` answers in `…/ws/track-v2`; the mapper reads both since element
 * names are the same, but we ask for the version we hold a sample of.)
 */
export const CANADA_POST_TRACK_MEDIA_TYPE = 'application/vnd.cpc.track+xml';

/** Options of {@link CanadaPostClient}. */
export interface CanadaPostClientOptions {
  /** Defaults to {@link CANADA_POST_DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** API key username and password (HTTP Basic). */
  username: string;
  password: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

/** I/O for Canada Post's tracking REST service (XML answers), one PIN per call. */
export class CanadaPostClient {
  private readonly http: CarrierHttp;
  private readonly authorization: string;

  constructor(options: CanadaPostClientOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64')}`;
    this.http = new CarrierHttp({
      carrier: 'canadapost',
      baseUrl: options.baseUrl ?? CANADA_POST_DEFAULT_BASE_URL,
      timeoutMs: options.timeoutMs,
      // Canada Post publishes no tracking rate limit; the breaker alone keeps an outage from being hammered.
      breaker: { failureThreshold: 5, resetAfterMs: 60_000 },
      fetchImpl: options.fetchImpl,
    });
  }

  /**
   * `GET /vis/track/pin/{pin}/detail`. Resolves `notFound: true` for message code 004. The XML is parsed
   * safely: a DTD or entity declaration is refused (PermanentCarrierError `CANADAPOST_XML_REFUSED`).
   * @throws TransientCarrierError (network, timeout, 429, 5xx) or PermanentCarrierError (other 4xx, odd bodies).
   */
  async track(pin: string): Promise<TrackingUpdate[]> {
    const response = await this.http.request({
      method: 'GET',
      path: `/vis/track/pin/${encodeURIComponent(pin)}/detail`,
      headers: { Authorization: this.authorization, Accept: CANADA_POST_TRACK_MEDIA_TYPE, 'Accept-Language': 'en-CA' },
      // Message code 004 "No Pin History" comes as a 404: an answer (the PIN is unknown) when the body says so.
      acceptStatuses: [404],
    });
    const map = () => mapCanadaPostTrackingBody(response.text, pin);
    return response.status === 404 ? mapNotFound404('canadapost GET /vis/track/pin/{pin}/detail', map) : map();
  }
}
