import { PermanentCarrierError, TransientCarrierError } from '../carrier-errors.js';
import type { CarrierId } from '../carrier-adapter.js';

/**
 * `Retry-After` as milliseconds from `nowMs`: either delta-seconds (`"30"`) or an HTTP-date. Undefined when
 * absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

// Carrier error codes look like `TV1002`, `NOT.AUTHORIZED.ERROR`, `invalid_client`. Anything else (free text,
// echoed input) is left out of messages so a body can never smuggle a secret or PII into our logs.
const SAFE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The first carrier error code in a JSON error body (UPS, FedEx, USPS and OAuth shapes), if it is code-like. */
export function carrierErrorCode(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  return findCode(value, 0);
}

function findCode(value: unknown, depth: number): string | undefined {
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? findCode(value[0], depth + 1) : undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['code', 'error']) {
    const candidate = record[key];
    if (typeof candidate === 'string' && SAFE_CODE.test(candidate)) return candidate;
  }
  for (const key of ['errors', 'response', 'error']) {
    const found = findCode(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** What went wrong, named by carrier, method and path only: never the query, headers or body. */
export function describeRequest(carrier: CarrierId, method: string, path: string): string {
  return `${carrier} ${method} ${path}`;
}

/**
 * Classifies a non-2xx answer: 408, 429 and 5xx are worth retrying (with the carrier's `Retry-After` when it
 * gave one); every other status is permanent. The code is always `HTTP_<status>`; the carrier's own error code
 * goes into the message for operators.
 */
export function errorForStatus(
  what: string,
  response: { status: number; headers: Headers; text: string },
  nowMs: number,
): PermanentCarrierError | TransientCarrierError {
  const { status } = response;
  const carrierCode = carrierErrorCode(response.text);
  const message = `${what} failed: HTTP ${status}${carrierCode ? ` (${carrierCode})` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), nowMs);
    return new TransientCarrierError(message, `HTTP_${status}`, retryAfterMs);
  }
  return new PermanentCarrierError(message, `HTTP_${status}`);
}
