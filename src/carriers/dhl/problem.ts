import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError, TransientCarrierError } from '../carrier-errors.js';
import { dhlProblemSchema } from './schemas.js';

/**
 * Reads an RFC 7807 problem body. DHL's 404 ("No result found") is the documented answer for an unknown
 * number and becomes `notFound: true`, named after `requestedNumber` or else the last segment of
 * `instance` (`/shipment/8264715546`). Any other problem is thrown: 429/5xx as transient, the rest as
 * permanent; a body that is not a problem at all is `DHL_UNEXPECTED_BODY`.
 */
export function mapDhlProblem(json: unknown, requestedNumber: string | undefined): TrackingUpdate {
  const problem = dhlProblemSchema.safeParse(json);
  if (!problem.success || problem.data.status === undefined) {
    throw new PermanentCarrierError('DHL answered with an unrecognized body', 'DHL_UNEXPECTED_BODY');
  }
  const { status, title, instance } = problem.data;
  if (status === 404) {
    const fromInstance = instance?.split('/').filter(Boolean).pop();
    return { trackingNumber: requestedNumber ?? fromInstance ?? '', events: [], notFound: true };
  }
  // Only the short title goes into the message: `detail` is free text that may echo our request.
  const message = `DHL answered ${status}: ${(title ?? 'error').slice(0, 80)}`;
  const code = `DHL_HTTP_${status}`;
  if (status === 429 || status >= 500) throw new TransientCarrierError(message, code);
  throw new PermanentCarrierError(message, code);
}
