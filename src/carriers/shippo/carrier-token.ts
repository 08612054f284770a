import type { CarrierId } from '../carrier-adapter.js';
import { CANADA_POST_TRACKING_FORMATS } from '../canadapost/tracking-formats.js';
import { FEDEX_TRACKING_FORMATS } from '../fedex/tracking-formats.js';
import { detectCarrierIn } from '../tracking-number/match-formats.js';
import { UPS_TRACKING_FORMATS } from '../ups/tracking-formats.js';
import { USPS_TRACKING_FORMATS } from '../usps/tracking-formats.js';

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

// The formats of those carriers, read from their folders rather than from all.ts: all.ts loads this
// module (through the Shippo manifest), so importing it here would be an import cycle. No format of
// the carriers left out (DHL, the simulator) ties with one of these, so detection among these formats
// names the same carrier as detection among all of them.
const FORMATS = [...UPS_TRACKING_FORMATS, ...FEDEX_TRACKING_FORMATS, ...USPS_TRACKING_FORMATS, ...CANADA_POST_TRACKING_FORMATS];

/**
 * Shippo needs the carrier to look a number up; the default guesses it from the number's format and check
 * digit. Undefined when the number is not confidently one carrier's.
 */
export function detectShippoCarrier(trackingNumber: string): string | undefined {
  const detected = detectCarrierIn(FORMATS, trackingNumber);
  return detected.valid && detected.carrier ? SHIPPO_TOKENS[detected.carrier] : undefined;
}
