import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-adapter.js';
import { CarrierHttp } from '../http/carrier-http.js';
import { mapCanadaPostTrackingBody } from './mapper.js';

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

// Marks a 404 we let through as 2xx so its body can be read (CarrierHttp discards non-2xx bodies).
const PASSED_404 = 'x-order-tracking-passed-status';

/**
 * Lets 404 answers reach us with their body: Canada Post's `<messages>` code 004 "No Pin History" means
 * the PIN is unknown (an answer), while a 404 from a wrong base URL must still fail. The body decides.
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
      fetchImpl: keep404Body(options.fetchImpl ?? fetch),
    });
  }

  /**
   * `GET /vis/track/pin/{pin}/detail`. Resolves `notFound: true` for message code 004. The XML is parsed
   * safely: a DTD or entity declaration is refused (PermanentCarrierError `CANADAPOST_XML_REFUSED`).
   * @throws TransientCarrierError (network, timeout, 429, 5xx) or PermanentCarrierError (other 4xx, odd bodies).
   */
  async track(pin: string): Promise<TrackingUpdate[]> {
    const path = `/vis/track/pin/${encodeURIComponent(pin)}/detail`;
    const response = await this.http.request({
      method: 'GET',
      path,
      headers: { Authorization: this.authorization, Accept: CANADA_POST_TRACK_MEDIA_TYPE, 'Accept-Language': 'en-CA' },
    });
    if (response.headers.get(PASSED_404) === null) return mapCanadaPostTrackingBody(response.text, pin);
    let updates: TrackingUpdate[] | undefined;
    try {
      updates = mapCanadaPostTrackingBody(response.text, pin);
    } catch {
      updates = undefined;
    }
    if (updates?.every((update) => update.notFound === true)) return updates;
    throw new PermanentCarrierError('canadapost GET /vis/track/pin/{pin}/detail failed: HTTP 404', 'HTTP_404');
  }
}
