import { fedexMod11, gs1Mod10 } from '../tracking-number/check-digits.js';
import { FORMAT_RANK, checked } from '../tracking-number/format-builders.js';
import type { TrackingFormat } from '../tracking-number/types.js';

const RANK = FORMAT_RANK;

/** FedEx tracking-number formats: Express (12, 34), ASTRA, Ground (15, SSCC-18, 96, GSN). */
export const FEDEX_TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'fedex_12', examples: ['986578788855'], carrier: 'fedex', service: 'FedEx Express (12)', rank: RANK.checked,
    pattern: /^(?<serial>\d{11})(?<check>\d)$/, algorithm: fedexMod11 }),
  checked({ id: 'fedex_34', examples: ['1001921334250001000300779017972697'], carrier: 'fedex', service: 'FedEx Express (34)', rank: RANK.checked,
    pattern: /^[0-8]\d{19}(?<serial>\d{13})(?<check>\d)$/, algorithm: fedexMod11 }),
  checked({ id: 'fedex_astra_32', examples: ['32971514560102447849175802862014'], carrier: 'fedex', service: 'FedEx ASTRA (32)', rank: RANK.partlyPrefixed,
    pattern: /^3\d{15}(?<serial>\d{11})(?<check>\d)\d{4}$/, algorithm: fedexMod11 }),
  checked({ id: 'fedex_ground', examples: ['041441760228964'], carrier: 'fedex', service: 'FedEx Ground (15)', rank: RANK.checked,
    pattern: /^(?<serial>\d{14})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'fedex_ground_sscc_18', examples: ['000123450000000027'], carrier: 'fedex', service: 'FedEx Ground (SSCC-18)', rank: RANK.checked,
    pattern: /^(?<serial>\d{17})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'fedex_ground_96', examples: ['9611020987654312345672'], carrier: 'fedex', service: 'FedEx Ground 96 (22)', rank: RANK.prefixedChecked,
    pattern: /^96\d{5}(?<serial>\d{14})(?<check>\d)$/, algorithm: gs1Mod10 }),
  checked({ id: 'fedex_ground_gsn', examples: ['9622001900000000000000776632517510'], carrier: 'fedex', service: 'FedEx Ground GSN (34)', rank: RANK.prefixedChecked,
    pattern: /^96\d{18}(?<serial>\d{13})(?<check>\d)$/, algorithm: fedexMod11 }),
];
