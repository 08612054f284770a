import { gs1Mod10 } from '../tracking-number/check-digits.js';
import { FORMAT_RANK, checked } from '../tracking-number/format-builders.js';
import { SIMULATOR_PATTERN } from '../tracking-number/simulator-number.js';
import type { TrackingFormat } from '../tracking-number/types.js';

/** The numbers the carrier simulator issues (`SIM` + serial + check digit, see simulator-number.ts). */
export const SIMULATOR_TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'simulator', examples: ['SIM0000000000420'], carrier: 'simulator', service: 'Carrier simulator', rank: FORMAT_RANK.simulator,
    pattern: SIMULATOR_PATTERN, algorithm: gs1Mod10 }),
];
