import { TransientCarrierError } from '../carrier-errors.js';
import type { CarrierId } from '../carrier-adapter.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { describeRequest, errorForStatus } from './http-errors.js';
import { TokenBucket } from './token-bucket.js';

/** How one carrier's API is reached. */
export interface CarrierHttpOptions {
  carrier: CarrierId;
  /** Scheme + host (+ optional path prefix), e.g. `https://onlinetools.ups.com`. */
  baseUrl: string;
  /** Whole-request timeout including the body (default 10 s: carrier look-ups answer in well under 2 s). */
  timeoutMs?: number;
  /** Client-side rate limit; none when omitted. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  /** Circuit breaker; none when omitted. */
  breaker?: { failureThreshold: number; resetAfterMs: number };
  /** Injected fetch (tests, proxies); defaults to the global one. */
  fetchImpl?: typeof fetch;
}

/** One request to the carrier; `path` is appended to `baseUrl`, `undefined` query values are dropped. */
export interface CarrierHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /**
   * Non-2xx statuses the caller reads itself, e.g. a 404 whose documented body means "not found": they resolve
   * with their body like a 2xx (and count as an answer, not a failure, for the circuit breaker). Every other
   * status is classified as usual.
   */
  acceptStatuses?: number[];
}

/** A 2xx answer or one of the request's `acceptStatuses`, body read as text. */
export interface CarrierHttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * The one way carrier clients talk HTTP: rate limit, circuit breaker, timeout, and a single classification of
 * failures into `TransientCarrierError` (network, timeout, 408/429/5xx; `retryAfterMs` from `Retry-After`) and
 * `PermanentCarrierError` (`HTTP_<status>` for other non-2xx), except the statuses a request accepts. Error
 * messages name carrier, method and path only.
 */
export class CarrierHttp {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly bucket: TokenBucket | undefined;
  private readonly breaker: CircuitBreaker | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: CarrierHttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.bucket = opts.rateLimit ? new TokenBucket(opts.rateLimit) : undefined;
    this.breaker = opts.breaker ? new CircuitBreaker(opts.breaker) : undefined;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** Sends the request; resolves with 2xx answers and the request's `acceptStatuses`, throws for the rest. */
  request(req: CarrierHttpRequest): Promise<CarrierHttpResponse> {
    return this.breaker ? this.breaker.run(() => this.send(req)) : this.send(req);
  }

  private async send(req: CarrierHttpRequest): Promise<CarrierHttpResponse> {
    await this.bucket?.take();
    const what = describeRequest(this.opts.carrier, req.method, req.path);
    let response: CarrierHttpResponse;
    try {
      const res = await this.fetchImpl(this.url(req), {
        method: req.method,
        headers: req.headers,
        body: req.body,
        // Never follow redirects: fetch would resend our Authorization header to wherever we are sent.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      response = { status: res.status, headers: res.headers, text: await res.text() };
    } catch (error) {
      throw networkError(what, error, this.timeoutMs);
    }
    if ((response.status >= 200 && response.status < 300) || req.acceptStatuses?.includes(response.status)) return response;
    throw errorForStatus(what, response, Date.now());
  }

  private url(req: CarrierHttpRequest): string {
    const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url.toString();
  }
}

/** Timeouts and connection failures; the cause's code (ECONNREFUSED, …) is kept, its message is not. */
function networkError(what: string, error: unknown, timeoutMs: number): TransientCarrierError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TransientCarrierError(`${what} timed out after ${timeoutMs} ms`, 'TIMEOUT');
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return new TransientCarrierError(`${what} failed: network error${code}`, 'NETWORK');
}
