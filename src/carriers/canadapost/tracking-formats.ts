import { gs1Mod10 } from '../tracking-number/check-digits.js';
import { FORMAT_RANK, checked } from '../tracking-number/format-builders.js';
import { S10_FORMAT } from '../tracking-number/s10-format.js';
import type { TrackingFormat } from '../tracking-number/types.js';

/** Canada Post tracking-number formats: the 16-digit domestic number and S10 of Canada. */
export const CANADA_POST_TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'canada_post', examples: ['0073938000549297'], carrier: 'canadapost', service: 'Canada Post (16)', rank: FORMAT_RANK.checked,
    pattern: /^(?<serial>\d{15})(?<check>\d)$/, algorithm: gs1Mod10 }),
  S10_FORMAT,
];
