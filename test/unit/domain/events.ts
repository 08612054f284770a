import type { ShipmentStatus, SubStatus, TrackingEvent } from '../../../src/domain/index.js';

/** A tracking event at `2024-03-01T<hh>:00:00Z` (hour as a number, so tests read as a timeline). */
export function ev(
  status: ShipmentStatus,
  hour: number,
  extra: Partial<Omit<TrackingEvent, 'status'>> & { subStatus?: SubStatus } = {},
): TrackingEvent {
  const hh = String(hour).padStart(2, '0');
  return { status, occurredAt: `2024-03-01T${hh}:00:00Z`, description: `${status} at ${hh}h`, ...extra };
}

export const T0 = '2024-03-01T00:00:00.000Z';
export const NOW1 = '2024-03-02T00:00:00.000Z';
export const NOW2 = '2024-03-03T00:00:00.000Z';
export const NOW3 = '2024-03-04T00:00:00.000Z';
