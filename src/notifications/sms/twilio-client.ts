import twilio from 'twilio';
import type { TwilioConfig } from './twilio-config.js';

type RequestOptions = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];

/**
 * The SDK's own HTTP client (axios under it), with every `https://*.twilio.com` URL the SDK builds moved to
 * another base URL. Twilio's client options offer edge/region, which only rename the host within
 * twilio.com; a custom `httpClient` is the SDK's documented extension point for everything else, and keeping
 * its RequestClient means auth, form encoding, paging and errors go through the real code path.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  readonly #base: URL;

  constructor(baseUrl: string, options: ConstructorParameters<typeof twilio.RequestClient>[0] = {}) {
    super(options);
    this.#base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestOptions & { data?: TData }) {
    const target = new URL(opts.uri);
    if (target.hostname === 'twilio.com' || target.hostname.endsWith('.twilio.com')) {
      const prefix = this.#base.pathname.replace(/\/+$/, '');
      opts = { ...opts, uri: `${this.#base.origin}${prefix}${target.pathname}${target.search}` };
    }
    return super.request<TData>(opts);
  }
}

/** A Twilio REST client for the config: the real API, or the base URL override when one is set. */
export function createTwilioClient(config: TwilioConfig): twilio.Twilio {
  return twilio(config.accountSid, config.authToken, {
    // Credentials come from our config; `env: {}` stops the SDK's own TWILIO_* look-ups in its env option.
    env: {},
    timeout: 15_000,
    ...(config.apiBaseUrl ? { httpClient: new RebasedRequestClient(config.apiBaseUrl, { timeout: 15_000, keepAlive: true }) } : {}),
  });
}
