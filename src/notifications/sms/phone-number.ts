import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { NotificationSendError } from '../send-error.js';

/**
 * A customer number as E.164, validated against libphonenumber's full metadata (number length and ranges
 * per country). Numbers without `+` are read in `defaultRegion`. An invalid number is a permanent failure:
 * retrying will not make it valid.
 */
export function toE164(input: string, defaultRegion?: CountryCode): string {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion ? { defaultCountry: defaultRegion } : undefined);
  if (!parsed || !parsed.isValid()) {
    throw new NotificationSendError('permanent', 'invalid_recipient', `not a valid phone number: ${mask(input)}`);
  }
  return parsed.number;
}

/** True when `input` is a valid number (E.164 or national in `defaultRegion`). */
export function isValidPhoneNumber(input: string, defaultRegion?: CountryCode): boolean {
  return parsePhoneNumberFromString(input.trim(), defaultRegion ? { defaultCountry: defaultRegion } : undefined)?.isValid() === true;
}

/** Keeps the last 3 digits only: phone numbers are PII and errors end up in logs. */
export function mask(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 3 ? '***' : `***${digits.slice(-3)}`;
}

/** A number read by libphonenumber: its E.164 form, country and national significant number (digits). */
export interface ReadPhoneNumber {
  e164: string;
  country: CountryCode | undefined;
  nationalNumber: string;
}

/**
 * Reads a number however it is written (`+90 (532) 123-45-67`, `0532 123 45 67` with region TR, `00 90…`);
 * undefined when it is not a valid number (a short code, a typo).
 */
export function readPhoneNumber(input: string, defaultRegion?: CountryCode): ReadPhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion ? { defaultCountry: defaultRegion } : undefined);
  if (!parsed || !parsed.isValid()) return undefined;
  return { e164: parsed.number, country: parsed.country, nationalNumber: parsed.nationalNumber };
}
