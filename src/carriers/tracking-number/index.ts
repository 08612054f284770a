/**
 * Tracking-number validation and carrier detection (formats and check digits of UPS, FedEx, USPS,
 * DHL, Canada Post, UPU S10 and the carrier simulator).
 */
export { detectCarrier, normalizeTrackingNumber } from './detect-carrier.js';
export type { DetectionCandidate, DetectionResult } from './detect-carrier.js';
export { validateForCarrier } from './validate-for-carrier.js';
export type { CarrierValidation } from './validate-for-carrier.js';
export { SIMULATOR_PREFIX, simulatorTrackingNumber } from './simulator-number.js';
