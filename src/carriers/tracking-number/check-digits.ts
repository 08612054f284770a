/**
 * Check-digit algorithms used by carrier tracking numbers. Each function takes the serial part
 * (everything the check digit protects, without the check digit) and returns the expected digit,
 * so callers compare it with the digit printed on the label.
 */

// Throws on a non-digit: format patterns only hand digits to these algorithms, so one is a bug.
function digitAt(serial: string, index: number): number {
  const code = serial.charCodeAt(index);
  if (code < 48 || code > 57) throw new RangeError(`not a digit at ${index} in ${serial}`);
  return code - 48;
}

/**
 * GS1 modulo 10 (USPS, Canada Post, FedEx Ground, SSCC-18): weights 3,1,3,… from the rightmost
 * digit of the serial. Right-aligned so serials of any length share one implementation.
 */
export function gs1Mod10(serial: string): number {
  let sum = 0;
  for (let i = serial.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += digitAt(serial, i) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * UPS modulo 10: weights 1,2,1,2,… from the left; letters count as (ASCII − 3) mod 10, which is
 * how UPS folds the alphanumeric shipper ids of 1Z numbers into digits (A→2, B→3, …).
 */
export function upsMod10(serial: string): number {
  let sum = 0;
  for (let i = 0; i < serial.length; i++) {
    const code = serial.charCodeAt(i);
    const value = code >= 48 && code <= 57 ? code - 48 : (code - 3) % 10;
    sum += value * (i % 2 === 0 ? 1 : 2);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * FedEx Express modulo 11: weights 1,3,7,1,3,7,… from the rightmost digit, sum mod 11 mod 10.
 * The 12-digit number, the 34-digit barcode, ASTRA and Ground GSN all use this rule over
 * serials of different lengths (11 or 13 digits), which right alignment makes one function.
 */
export function fedexMod11(serial: string): number {
  const weights = [1, 3, 7];
  let sum = 0;
  for (let i = serial.length - 1, k = 0; i >= 0; i--, k++) {
    sum += digitAt(serial, i) * (weights[k % 3] ?? 0);
  }
  return (sum % 11) % 10;
}

/** DHL Express air waybill: the serial read as an integer, modulo 7. */
export function mod7(serial: string): number {
  // Serials are at most 10 digits, well inside Number's exact integer range.
  return Number(serial) % 7;
}

/** UPU S10 weights for the 8 serial digits. */
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10: weights 8,6,4,2,3,5,9,7; 11 − (sum mod 11), where 10 becomes 0 and 11 becomes 5. */
export function s10CheckDigit(serial: string): number {
  if (serial.length !== S10_WEIGHTS.length) throw new RangeError('S10 serials have 8 digits');
  let sum = 0;
  S10_WEIGHTS.forEach((weight, i) => {
    sum += digitAt(serial, i) * weight;
  });
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}
