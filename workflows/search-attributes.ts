import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed search attributes for operators in the Temporal UI: never PII. Registered wherever a server
 * starts (embedded dev server, tests, and `temporal operator search-attribute create` in production).
 */
export const SHIPMENT_STATUS_SA = defineSearchAttributeKey('ShipmentStatus', SearchAttributeType.KEYWORD);
export const CARRIER_SA = defineSearchAttributeKey('Carrier', SearchAttributeType.KEYWORD);
export const STALLED_SINCE_SA = defineSearchAttributeKey('StalledSince', SearchAttributeType.DATETIME);

export const SHIPMENT_SEARCH_ATTRIBUTES = [SHIPMENT_STATUS_SA, CARRIER_SA, STALLED_SINCE_SA];
