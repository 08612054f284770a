import type { CarrierId } from '../carrier-adapter.js';
import { fedexMod11, gs1Mod10, mod7, upsMod10 } from './check-digits.js';
import { looseImpbFormat } from './impb-loose.js';
import { s10Format } from './s10-format.js';
import { SIMULATOR_PATTERN } from './simulator-number.js';
import type { FormatMatch, Groups, TrackingFormat } from './types.js';

/**
 * How specific a shape is. When several formats accept a number, the most specific one names the
 * carrier: a fixed prefix plus a check digit is strong evidence, "any 14 digits" is weak.
 */
const RANK = { simulator: 100, prefixedChecked: 90, partlyPrefixed: 70, checked: 60, looseChecked: 50, prefixed: 30, any: 10 };

/**
 * From this rank on a shape has a prefix of its own, so a wrong check digit is still worth
 * blaming on that carrier ("a UPS number with a typo"); below it (bare digits) it is not.
 */
export const DISTINCTIVE_RANK = RANK.partlyPrefixed;

interface CheckedSpec {
  id: string;
  carrier: CarrierId;
  service: string | ((groups: Groups) => string);
  rank: number;
  /** Whole-string pattern over the normalized number, with `serial` and `check` groups. */
  pattern: RegExp;
  algorithm: (serial: string) => number;
  /** The digits the check digit protects, when that is not simply the `serial` group. */
  serialOf?: (groups: Groups) => string;
}

function checked(spec: CheckedSpec): TrackingFormat {
  return {
    id: spec.id,
    pattern: spec.pattern,
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
function unchecked(id: string, carrier: CarrierId, service: string, rank: number, pattern: RegExp): TrackingFormat {
  return { id, pattern, inspect: () => ({ formatId: id, carrier, service, valid: true, rank }) };
}

// The two-character service code inside a 1Z number; unknown codes fall back to plain "UPS".
const UPS_SERVICES: Readonly<Record<string, string>> = {
  '01': 'UPS Next Day Air',
  '02': 'UPS 2nd Day Air',
  '03': 'UPS Ground',
  '12': 'UPS 3 Day Select',
  '13': 'UPS Next Day Air Saver',
  '15': 'UPS Next Day Air Early',
  '66': 'UPS Worldwide Express',
  YW: 'UPS SurePost',
};

// IMpb pieces shared by both constructs: an optional routing code (420 + ZIP or ZIP+4) is only
// allowed where the rest still has a valid IMpb length, and a mailer id of 9 digits starts with 9.
const IMPB_N = /^(?:420(?:\d{5}(?=(?:\d{22}|\d{26})$)|\d{9}(?=\d{22}$)))?(?<serial>94\d{3}(?:9\d{8}(?:\d{15}|\d{11}|\d{7})|[0-8]\d{5}(?:\d{14}|\d{10})))(?<check>\d)$/;
const IMPB_C = /^(?:420\d{5}(?:\d{4}(?=\d{22}$))?)?(?<serial>(?:92(?=\d{3}9)|93(?=\d{3}[0-8])|95)\d{3}(?:9\d{8}(?:\d{11}|\d{7})|[0-8]\d{5}(?:\d{14}|\d{10})))(?<check>\d)$/;

/** Every format we detect, for the carriers we integrate plus the simulator. */
export const TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'simulator', carrier: 'simulator', service: 'Carrier simulator', rank: RANK.simulator,
    pattern: SIMULATOR_PATTERN, algorithm: gs1Mod10 }),
  checked({ id: 'ups_1z', carrier: 'ups', rank: RANK.prefixedChecked, algorithm: upsMod10,
    pattern: /^1Z(?<serial>[A-Z0-9]{6}(?<svc>[A-Z0-9]{2})[A-Z0-9]{7})(?<check>\d)$/,
    service: (g) => UPS_SERVICES[g.svc ?? ''] ?? 'UPS' }),
  checked({ id: 'ups_waybill', carrier: 'ups', service: 'UPS Waybill', rank: RANK.partlyPrefixed,
    pattern: /^[AHJKTV](?<serial>\d{9})(?<check>\d)$/, algorithm: upsMod10 }),
  checked({ id: 'fedex_12', carrier: 'fedex', service: 'FedEx Express (12)', rank: RANK.checked,
    pattern: /^(?<serial>\d{11})(?<check>\d)$/, algorithm: fedexMod11 }),
  checked({ id: 'fedex_34', carrier: 'fedex', service: 'FedEx Express (34)', rank: RANK.checked,
    pattern: /^[0-8]\d{19}(?<serial>\d{13})(?<check>\d)$/, algorithm: fedexMod11 }),
  checked({ id: 'fedex_astra_32', carrier: 'fedex', service: 'FedEx ASTRA (32)', rank: RANK.partlyPrefixed,
    pattern: /^3\d{15}(?<serial>\d{11})(?<check>\d)\d{4}$/, algorithm: fedexMod11 }),
  checked({ id: 'fedex_ground', carrier: 'fedex', service: 'FedEx Ground (15)', rank: RANK.checked,
    pattern: /^(?<serial>\d{14})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'fedex_ground_sscc_18', carrier: 'fedex', service: 'FedEx Ground (SSCC-18)', rank: RANK.checked,
    pattern: /^(?<serial>\d{17})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'fedex_ground_96', carrier: 'fedex', service: 'FedEx Ground 96 (22)', rank: RANK.prefixedChecked,
    pattern: /^96\d{5}(?<serial>\d{14})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'fedex_ground_gsn', carrier: 'fedex', service: 'FedEx Ground GSN (34)', rank: RANK.prefixedChecked,
    pattern: /^96\d{18}(?<serial>\d{13})(?<check>\d)$/, algorithm: fedexMod11 }),
  checked({ id: 'usps_impb_n', carrier: 'usps', service: 'USPS IMpb', rank: RANK.prefixedChecked,
    pattern: IMPB_N, algorithm: gs1Mod10 }),
  checked({ id: 'usps_impb_c', carrier: 'usps', service: 'USPS IMpb', rank: RANK.prefixedChecked,
    pattern: IMPB_C, algorithm: gs1Mod10 }),
  looseImpbFormat(RANK.looseChecked),
  checked({ id: 'usps_20', carrier: 'usps', service: 'USPS 20', rank: RANK.checked,
    pattern: /^(?<serial>\d{19})(?<check>\d)$/, algorithm: gs1Mod10 }),
  // Legacy numbers are often printed without their 91 application identifier, which the check
  // digit still covers; the two spellings are separate formats because only one has a prefix.
  checked({ id: 'usps_legacy_91', carrier: 'usps', service: 'USPS Legacy (91)', rank: RANK.partlyPrefixed,
    pattern: /^(?:420\d{5}(?:\d{4})?)?(?<serial>91\d{19})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'usps_legacy', carrier: 'usps', service: 'USPS Legacy (91)', rank: RANK.checked,
    pattern: /^(?:420\d{5}(?:\d{4})?)?(?<serial>\d{19})(?<check>\d)$/, algorithm: gs1Mod10,
    serialOf: (g) => (g.serial?.startsWith('91') ? g.serial : `91${g.serial ?? ''}`) }),
  checked({ id: 'canada_post', carrier: 'canadapost', service: 'Canada Post (16)', rank: RANK.checked,
    pattern: /^(?<serial>\d{15})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'dhl_express', carrier: 'dhl', service: 'DHL Express', rank: RANK.checked,
    pattern: /^(?<serial>\d{9,10})(?<check>\d)$/, algorithm: mod7 }),
  unchecked('dhl_express_piece_id', 'dhl', 'DHL Express (piece ID)', RANK.prefixed, /^J[A-Z]{2,3}\d{9,10}$/),
  unchecked('dhl_ecommerce', 'dhl', 'DHL eCommerce', RANK.prefixed,
    /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)(?=[A-Z]*\d)[0-9A-Z]{10,39}$/),
  unchecked('dhl_ecommerce_14', 'dhl', 'DHL eCommerce (14)', RANK.any, /^\d{14}$/),
  s10Format(RANK.prefixedChecked),
];
