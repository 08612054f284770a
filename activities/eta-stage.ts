import type { EtaRevisionStage } from '../src/db/orders/order-record.js';
import type { ProjectionInput } from '../src/db/shipments/projection-input.js';
import type { PostalAddress } from '../src/domain/postal-address.js';
import type { EventLocation, TrackingEvent } from '../src/domain/tracking-event.js';

/** Order of the stages: a later one narrows the estimate further. */
export const STAGE_RANK: Record<EtaRevisionStage, number> = { picked_up: 1, in_destination_region: 2, out_for_delivery: 3 };

const norm = (text: string | undefined) => text?.trim().toUpperCase().replace(/\s+/g, ' ');

/**
 * Whether a scan happened in the customer's region: the same postcode, else the same state/province (when
 * both name one), else the same city; a scan in another country never is.
 */
export function inDestinationRegion(location: EventLocation | undefined, to: PostalAddress): boolean {
  if (!location) return false;
  if (location.country && norm(location.country) !== norm(to.country)) return false;
  if (location.postalCode && norm(location.postalCode) === norm(to.postalCode)) return true;
  if (location.region && to.region) return norm(location.region) === norm(to.region);
  return Boolean(location.city && norm(location.city) === norm(to.city));
}

/** What a projection means for the estimate: a stage with the time it was reached, or a delivery. */
export type EtaStep = { kind: 'stage'; stage: EtaRevisionStage; at: string } | { kind: 'delivered'; at: string } | { kind: 'none' };

const MOVING = new Set(['picked_up', 'in_transit']);

/**
 * Reads the projection's new state. Out for delivery (and a failed attempt, which means the next business
 * day, as in the destination region) are stages of their own; picked up / in transit is `picked_up` unless a
 * new scan was in the customer's region. `at` is the newest scan behind it (workflow time, not the
 * worker's clock), else the projection's last event.
 */
export function etaStep(p: ProjectionInput, to: PostalAddress): EtaStep {
  const newest = (events: TrackingEvent[]) => events.map((e) => e.occurredAt).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const at = (matching: (e: TrackingEvent) => boolean) => newest(p.newEvents.filter(matching)) ?? p.lastEventAt ?? p.change?.receivedAt;
  if (p.status === 'delivered' && p.deliveredAt) return { kind: 'delivered', at: p.deliveredAt };
  let stage: EtaRevisionStage | undefined;
  let when: string | undefined;
  if (p.status === 'out_for_delivery') {
    stage = 'out_for_delivery';
    when = at((e) => e.status === 'out_for_delivery');
  } else if (p.status === 'delivery_attempted' || p.status === 'available_for_pickup') {
    stage = 'in_destination_region';
    when = at((e) => e.status === p.status);
  } else if (MOVING.has(p.status)) {
    const local = p.newEvents.filter((e) => MOVING.has(e.status) && inDestinationRegion(e.location, to));
    stage = local.length > 0 ? 'in_destination_region' : 'picked_up';
    when = local.length > 0 ? newest(local) : at((e) => MOVING.has(e.status));
  }
  return stage && when ? { kind: 'stage', stage, at: when } : { kind: 'none' };
}
