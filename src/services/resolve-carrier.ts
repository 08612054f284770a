import type { CarrierId } from '../carriers/carrier-adapter.js';
import { detectCarrier, validateForCarrier } from '../carriers/tracking-number/index.js';
import { ServiceError } from './service-error.js';

/**
 * Decides the carrier of a new order: the shop's explicit choice (checked against the tracking number's
 * format), or the carrier detected from the tracking number. Anything undecidable is refused with a reason.
 */
export function resolveCarrier(shipping: { carrier?: CarrierId; trackingNumber?: string }): {
  carrierId: CarrierId;
  trackingNumber?: string;
} {
  const { carrier, trackingNumber } = shipping;
  if (carrier) {
    if (!trackingNumber) return { carrierId: carrier };
    const check = validateForCarrier(trackingNumber, carrier);
    if (!check.valid) {
      throw new ServiceError('INVALID_TRACKING_NUMBER', check.reason ?? `Not a valid ${carrier} tracking number.`);
    }
    return { carrierId: carrier, trackingNumber: trackingNumber.replace(/[\s-]/g, '').toUpperCase() };
  }
  if (!trackingNumber) {
    throw new ServiceError('CARRIER_REQUIRED', 'Give shipping.carrier, or a shipping.trackingNumber to detect it from.');
  }
  const detected = detectCarrier(trackingNumber);
  if (!detected.carrier || !detected.valid) {
    const known = detected.candidates?.filter((c) => c.valid && c.carrier).map((c) => c.carrier);
    const hint = known && known.length > 1 ? ` It fits several carriers (${known.join(', ')}); name one in shipping.carrier.` : '';
    throw new ServiceError(
      'CARRIER_UNDETERMINED',
      `Tracking number ${detected.trackingNumber} matches no supported carrier.${hint} Set shipping.carrier explicitly.`,
    );
  }
  return { carrierId: detected.carrier, trackingNumber: detected.trackingNumber };
}
