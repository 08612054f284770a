import { s10CheckDigit } from './check-digits.js';
import { FORMAT_RANK } from './format-builders.js';
import { s10CountryName, s10IssuingCarrier } from './s10-country.js';
import type { FormatMatch, TrackingFormat } from './types.js';

/**
 * UPU S10 international items: 2 service letters, 8-digit serial, check digit, ISO country of the
 * issuing post. The number belongs to that post: US → usps, CA → canadapost, any other country →
 * carrier null (we cannot track it directly) but still a valid number.
 */
export function s10Format(rank: number): TrackingFormat {
  return {
    id: 's10',
    pattern: /^(?<svc>[A-Z]{2})(?<serial>\d{8})(?<check>\d)(?<cc>[A-Z]{2})$/,
    // One per post we integrate: the country suffix names the carrier.
    examples: ['RB123456785US', 'RB123456785CA'],
    inspect(groups): FormatMatch {
      const country = groups.cc ?? '';
      const name = s10CountryName(country);
      const base = { formatId: 's10', carrier: s10IssuingCarrier(country), rank };
      if (name === undefined) {
        return { ...base, service: 'S10', valid: false, reason: `unknown S10 country code ${country}` };
      }
      const service = `S10 (${name})`;
      if (String(s10CheckDigit(groups.serial ?? '')) !== groups.check) {
        return { ...base, service, valid: false, reason: `check digit does not match (${service})` };
      }
      return { ...base, service, valid: true };
    },
  };
}

/** The one S10 format, listed by every post that delivers S10 items (USPS, Canada Post). */
export const S10_FORMAT: TrackingFormat = s10Format(FORMAT_RANK.prefixedChecked);
