import { gs1Mod10 } from './check-digits.js';

/** Prefix of every number the carrier simulator issues; no real carrier format starts with it. */
export const SIMULATOR_PREFIX = 'SIM';

/** `SIM` + 12-digit serial + GS1 mod-10 check digit, on the normalized (upper-case) number. */
export const SIMULATOR_PATTERN = /^SIM(?<serial>\d{12})(?<check>\d)$/;

const MAX_SERIAL = 999_999_999_999;

/**
 * The tracking number the carrier simulator issues for a serial: `SIM` + the serial zero-padded to
 * 12 digits + a GS1 mod-10 check digit, so typos are caught exactly like real carrier numbers.
 * @throws RangeError when the serial is not an integer in 0…999 999 999 999.
 */
export function simulatorTrackingNumber(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
    throw new RangeError(`simulator serial must be an integer in 0..${MAX_SERIAL}, got ${serial}`);
  }
  const digits = String(serial).padStart(12, '0');
  return `${SIMULATOR_PREFIX}${digits}${gs1Mod10(digits)}`;
}
