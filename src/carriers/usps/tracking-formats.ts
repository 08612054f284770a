import { gs1Mod10 } from '../tracking-number/check-digits.js';
import { FORMAT_RANK, checked } from '../tracking-number/format-builders.js';
import { looseImpbFormat } from '../tracking-number/impb-loose.js';
import { S10_FORMAT } from '../tracking-number/s10-format.js';
import type { TrackingFormat } from '../tracking-number/types.js';

const RANK = FORMAT_RANK;

// IMpb pieces shared by both constructs: an optional routing code (420 + ZIP or ZIP+4) is only
// allowed where the rest still has a valid IMpb length, and a mailer id of 9 digits starts with 9.
const IMPB_N = /^(?:420(?:\d{5}(?=(?:\d{22}|\d{26})$)|\d{9}(?=\d{22}$)))?(?<serial>94\d{3}(?:9\d{8}(?:\d{15}|\d{11}|\d{7})|[0-8]\d{5}(?:\d{14}|\d{10})))(?<check>\d)$/;
const IMPB_C = /^(?:420\d{5}(?:\d{4}(?=\d{22}$))?)?(?<serial>(?:92(?=\d{3}9)|93(?=\d{3}[0-8])|95)\d{3}(?:9\d{8}(?:\d{11}|\d{7})|[0-8]\d{5}(?:\d{14}|\d{10})))(?<check>\d)$/;

/** USPS tracking-number formats: IMpb (strict and loose), 20-digit, legacy 91, and S10 of the US. */
export const USPS_TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'usps_impb_n', examples: ['9400111206206406260787', '420787459400111206206406260787'], carrier: 'usps', service: 'USPS IMpb', rank: RANK.prefixedChecked,
    pattern: IMPB_N, algorithm: gs1Mod10 }),
  checked({ id: 'usps_impb_c', examples: ['4201002334249200190132607600833457'], carrier: 'usps', service: 'USPS IMpb', rank: RANK.prefixedChecked,
    pattern: IMPB_C, algorithm: gs1Mod10 }),
  looseImpbFormat(RANK.looseChecked),
  checked({ id: 'usps_20', examples: ['03071790000523483741'], carrier: 'usps', service: 'USPS 20', rank: RANK.checked,
    pattern: /^(?<serial>\d{19})(?<check>\d)$/, algorithm: gs1Mod10 }),
  // Legacy numbers are often printed without their 91 application identifier, which the check
  // digit still covers; the two spellings are separate formats because only one has a prefix.
  checked({ id: 'usps_legacy_91', examples: ['9101123456789000000013'], carrier: 'usps', service: 'USPS Legacy (91)', rank: RANK.partlyPrefixed,
    pattern: /^(?:420\d{5}(?:\d{4})?)?(?<serial>91\d{19})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'usps_legacy', examples: ['71969010756003077385'], carrier: 'usps', service: 'USPS Legacy (91)', rank: RANK.checked,
    pattern: /^(?:420\d{5}(?:\d{4})?)?(?<serial>\d{19})(?<check>\d)$/, algorithm: gs1Mod10,
    serialOf: (g) => (g.serial?.startsWith('91') ? g.serial : `91${g.serial ?? ''}`) }),
  // Inbound international items keep the sending post's S10 number; the US suffix names USPS.
  S10_FORMAT,
];
