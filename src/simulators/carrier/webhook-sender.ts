import { renderWebhookRequest } from './webhook-formats.js';
import type { WebhookDelivery, WebhookSender } from './webhook-types.js';

/** Settings of {@link createHttpWebhookSender}. */
export interface HttpWebhookSenderOptions {
  /** Attempts per delivery, first one included (default 5). Bounded: a dead receiver must not pile up work. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt (default 500 ms: 0.5 + 1 + 2 + 4 s over five attempts). */
  baseDelayMs?: number;
  /** Per-attempt timeout (default 5 s). */
  timeoutMs?: number;
  /** Wall clock for signature timestamps (default `Date.now`). */
  realNow?: () => number;
  /** Aborting it stops retries (simulator shutdown). */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Told about every finished delivery (logs, tests). */
  onResult?: (delivery: WebhookDelivery, result: WebhookResult) => void;
}

/** How one delivery ended. */
export interface WebhookResult {
  delivered: boolean;
  attempts: number;
  status?: number;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * POSTs deliveries over HTTP, retrying non-2xx answers and network errors with exponential back-off up to
 * `maxAttempts` (like the real providers, only far shorter so a demo recovers quickly). Never rejects.
 */
export function createHttpWebhookSender(options: HttpWebhookSenderOptions = {}): WebhookSender {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const realNow = options.realNow ?? Date.now;
  const fetchImpl = options.fetchImpl ?? fetch;

  const attempt = async (delivery: WebhookDelivery): Promise<number | undefined> => {
    const request = renderWebhookRequest(delivery, realNow());
    if (!request) return undefined;
    try {
      const res = await fetchImpl(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: options.signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), options.signal]) : AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return 0;
    }
  };

  return {
    async send(delivery) {
      let result: WebhookResult = { delivered: false, attempts: 0 };
      for (let n = 1; n <= maxAttempts && !options.signal?.aborted; n += 1) {
        const status = await attempt(delivery);
        if (status === undefined) break;
        result = { delivered: status >= 200 && status < 300, attempts: n, ...(status > 0 ? { status } : {}) };
        if (result.delivered || n === maxAttempts) break;
        await pause(baseDelayMs * 2 ** (n - 1), options.signal);
      }
      options.onResult?.(delivery, result);
      return result;
    },
  };
}
