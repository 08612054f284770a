/**
 * Every failure a use-case reports to its caller, by code. The HTTP layer maps each code to a status in one
 * table (src/api/service-error-status.ts); pages and scripts may map them their own way. Adding a code here
 * makes the compiler point at that table.
 */
export const SERVICE_ERROR_CODES = [
  'NOT_FOUND',
  'ORDER_EXISTS',
  'TRACKING_NUMBER_IN_USE',
  'IDEMPOTENCY_KEY_REUSED',
  'INVALID_TRACKING_NUMBER',
  'CARRIER_REQUIRED',
  'CARRIER_UNDETERMINED',
  'CHANNEL_NEEDS_PHONE',
  'ORDER_NOT_CANCELLABLE',
  'SHIPMENT_CLOSED',
  'NOT_ALLOWED',
  'TEMPORAL_UNAVAILABLE',
  'FORBIDDEN_SOURCE',
  'WEBHOOK_UNVERIFIED',
  'INVALID_WEBHOOK_PAYLOAD',
  'SIGNATURE_INVALID',
  /** The caller is known but may not do this (role or key scope). */
  'FORBIDDEN',
  /** Input a use-case checked itself and refused (the HTTP layer's own checks answer VALIDATION_FAILED). */
  'INVALID_INPUT',
  'EMAIL_TAKEN',
] as const;

export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

/** A use-case's refusal: a code from the list above, a message fit for the caller, optional details. */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** "<what> not found." as a NOT_FOUND error. */
export const notFoundError = (what: string) => new ServiceError('NOT_FOUND', `${what} not found.`);
