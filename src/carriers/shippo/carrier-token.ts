import type { CarrierId } from '../carrier-adapter.js';
import { detectCarrier } from '../tracking-number/detect-carrier.js';

/**
 * Shippo tokens of the carriers our number detection recognizes. DHL is left out: its numbers do not say
 * whether they are DHL Express or DHL eCommerce, which are different Shippo tokens.
 */
const SHIPPO_TOKENS: Partial<Record<CarrierId, string>> = {
  ups: 'ups',
  fedex: 'fedex',
  usps: 'usps',
  canadapost: 'canada_post',
};

/**
 * Shippo needs the carrier to look a number up; the default guesses it from the number's format and check
 * digit. Undefined when the number is not confidently one carrier's.
 */
export function detectShippoCarrier(trackingNumber: string): string | undefined {
  const detected = detectCarrier(trackingNumber);
  return detected.valid && detected.carrier ? SHIPPO_TOKENS[detected.carrier] : undefined;
}
