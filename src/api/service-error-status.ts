import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ServiceErrorCode } from '../services/service-error.js';

/**
 * The one table from a use-case's error code to the HTTP status the API answers with. A `Record` over every
 * code: a new code in src/services/service-error.ts does not compile until it has a status here.
 */
export const SERVICE_ERROR_STATUS: Record<ServiceErrorCode, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  ORDER_EXISTS: 409,
  TRACKING_NUMBER_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_TRACKING_NUMBER: 422,
  CARRIER_REQUIRED: 422,
  CARRIER_UNDETERMINED: 422,
  CHANNEL_NEEDS_PHONE: 422,
  ORDER_NOT_CANCELLABLE: 409,
  SHIPMENT_CLOSED: 409,
  NOT_ALLOWED: 409,
  TEMPORAL_UNAVAILABLE: 503,
  FORBIDDEN_SOURCE: 403,
  WEBHOOK_UNVERIFIED: 401,
  INVALID_WEBHOOK_PAYLOAD: 400,
  SIGNATURE_INVALID: 403,
  FORBIDDEN: 403,
  INVALID_INPUT: 422,
  EMAIL_TAKEN: 409,
};
