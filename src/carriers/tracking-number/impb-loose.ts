import { gs1Mod10 } from './check-digits.js';
import type { FormatMatch, TrackingFormat } from './types.js';

/**
 * Real USPS labels carry IMpb numbers that the published construct patterns reject (a channel/service
 * code or mailer id outside the documented combinations, e.g. `93` followed by a 9-digit mailer id).
 * This format accepts any 22–34 digits starting with 92–95 (after an optional `420` + ZIP or ZIP+4
 * routing code) whose GS1 mod-10 check digit holds, with a rank below every full pattern so a strict
 * format of any carrier wins, and marks the match as low confidence.
 */
const SHAPE = /^(?<all>(?:420\d{5}(?:\d{4})?)?9[2-5]\d{20,32})$/;
const BODY = /^9[2-5]\d{20,32}$/;

/** The IMpb without a routing code, for each way the number can be split (longest routing code first). */
function bodies(all: string): string[] {
  const splits = all.startsWith('420') ? [12, 8, 0] : [0];
  return splits.map((n) => all.slice(n)).filter((body) => BODY.test(body));
}

/** The loose IMpb format; `rank` is passed in so the format table keeps every rank in one place. */
export function looseImpbFormat(rank: number): TrackingFormat {
  const id = 'usps_impb_loose';
  const service = 'USPS IMpb (check digit only)';
  return {
    id,
    pattern: SHAPE,
    // 93 + service 612 + a 9-digit mailer id starting with 9, which the published construct rejects.
    examples: ['9361291234567812345678'],
    inspect(groups): FormatMatch {
      const valid = bodies(groups.all ?? '').some((body) => String(gs1Mod10(body.slice(0, -1))) === body.slice(-1));
      const base: FormatMatch = { formatId: id, carrier: 'usps', service, valid, rank, confidence: 'low' };
      return valid ? base : { ...base, reason: `check digit does not match (${service})` };
    },
  };
}
