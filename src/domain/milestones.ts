import { MILESTONES, type Milestone, type ShipmentStatus } from './shipment-status.js';
import { progressRank, SHIPPED_RANK } from './status-rank.js';

/** The customer milestone a status stands for, if any (side states and `unknown` stand for none). */
export function milestoneForStatus(status: ShipmentStatus): Milestone | undefined {
  switch (status) {
    case 'order_received':
      return 'order_received';
    case 'in_preparation':
    case 'label_created':
      return 'in_preparation';
    case 'picked_up':
    case 'in_transit':
      return 'shipped';
    case 'out_for_delivery':
    case 'available_for_pickup':
    case 'delivery_attempted':
      return 'out_for_delivery';
    case 'delivered':
      return 'delivered';
    default:
      return undefined;
  }
}

/**
 * Milestones an event of this status passes: its own, plus `shipped` for anything at or after pickup (a
 * parcel out for delivery or delivered has been shipped even when the carrier never sent the pickup scan).
 * Other skipped milestones are not implied: a jump from in transit to delivered does not pass "out for
 * delivery", so nobody is told the parcel is on its way after it arrived.
 */
export function milestonesReachedBy(status: ShipmentStatus): Milestone[] {
  const own = milestoneForStatus(status);
  const rank = progressRank(status);
  const implied: Milestone[] = rank !== null && rank >= SHIPPED_RANK && own !== 'shipped' ? ['shipped'] : [];
  return own === undefined ? implied : [...implied, own];
}

/** The furthest milestone present in a `milestoneAt` record (`order_received` when none is). */
export function furthestMilestone(milestoneAt: Partial<Record<Milestone, string>>): Milestone {
  let furthest: Milestone = 'order_received';
  for (const m of MILESTONES) if (milestoneAt[m] !== undefined) furthest = m;
  return furthest;
}
