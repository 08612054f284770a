/**
 * Tracking-number validation and carrier detection over the formats every carrier manifest carries
 * (each carrier defines them in `<id>/tracking-formats.ts` with the builders here). Loads all.ts:
 * carrier code imports `match-formats.js` instead.
 */
export { detectCarrier, normalizeTrackingNumber } from './detect-carrier.js';
export type { DetectionCandidate, DetectionResult } from './detect-carrier.js';
export { validateForCarrier } from './validate-for-carrier.js';
export type { CarrierValidation } from './validate-for-carrier.js';
export { SIMULATOR_PREFIX, simulatorTrackingNumber } from './simulator-number.js';
