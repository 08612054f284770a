import type { CarrierId } from '../carrier-adapter.js';
import type { FormatMatch, Groups, TrackingFormat } from './types.js';

/**
 * How specific a shape is. When several formats accept a number, the most specific one names the
 * carrier: a fixed prefix plus a check digit is strong evidence, "any 14 digits" is weak. Every
 * carrier's formats take their rank from this one table so ranks stay comparable across carriers.
 */
export const FORMAT_RANK = {
  simulator: 100,
  prefixedChecked: 90,
  partlyPrefixed: 70,
  checked: 60,
  looseChecked: 50,
  prefixed: 30,
  any: 10,
} as const;

/**
 * From this rank on a shape has a prefix of its own, so a wrong check digit is still worth
 * blaming on that carrier ("a UPS number with a typo"); below it (bare digits) it is not.
 */
export const DISTINCTIVE_RANK = FORMAT_RANK.partlyPrefixed;

/** A format protected by a check digit, for {@link checked}. */
export interface CheckedSpec {
  id: string;
  carrier: CarrierId;
  service: string | ((groups: Groups) => string);
  rank: number;
  /** Whole-string pattern over the normalized number, with `serial` and `check` groups. */
  pattern: RegExp;
  algorithm: (serial: string) => number;
  /** The digits the check digit protects, when that is not simply the `serial` group. */
  serialOf?: (groups: Groups) => string;
  /** See {@link TrackingFormat.examples}. */
  examples: readonly string[];
}

/** A format whose check digit (computed by `spec.algorithm`) decides validity. */
export function checked(spec: CheckedSpec): TrackingFormat {
  return {
    id: spec.id,
    pattern: spec.pattern,
    examples: spec.examples,
    inspect(groups): FormatMatch {
      const service = typeof spec.service === 'string' ? spec.service : spec.service(groups);
      const serial = spec.serialOf ? spec.serialOf(groups) : (groups.serial ?? '');
      const valid = String(spec.algorithm(serial)) === groups.check;
      const base = { formatId: spec.id, carrier: spec.carrier, service, valid, rank: spec.rank };
      return valid ? base : { ...base, reason: `check digit does not match (${service})` };
    },
  };
}

/** Formats without a check digit: the shape alone decides, so they rank low. */
export function unchecked(
  id: string, carrier: CarrierId, service: string, rank: number, pattern: RegExp, examples: readonly string[],
): TrackingFormat {
  return { id, pattern, examples, inspect: () => ({ formatId: id, carrier, service, valid: true, rank }) };
}
