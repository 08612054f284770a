/**
 * The customer timeline of a shipment: the milestone row and the side state beside it. Its own file (not
 * in milestones.ts) because it reads the whole ShipmentState, and shipment-state.ts depends on the status
 * fold, which depends on milestones.ts: keeping it there closed an import cycle inside src/domain.
 */
import type { ShipmentState } from './shipment-state.js';
import { MILESTONES, type Milestone, type ShipmentStatus } from './shipment-status.js';

/** Statuses shown beside the milestone row rather than as a step of it. */
export type TimelineSideState =
  | 'exception'
  | 'delivery_attempted'
  | 'available_for_pickup'
  | 'returned_to_sender'
  | 'cancelled';

/** One step of the customer timeline. */
export interface MilestoneStep {
  milestone: Milestone;
  /** True up to the furthest milestone reached, including steps the carrier skipped (the bar has no gaps). */
  reached: boolean;
  /** When the step was reached, if an event (or the shop) actually passed it. */
  at?: string;
}

/** What a tracking page shows: the five milestones and, when relevant, a side state beside them. */
export interface Timeline {
  milestones: MilestoneStep[];
  sideState?: TimelineSideState;
}

const SIDE_STATES: readonly ShipmentStatus[] = [
  'exception',
  'delivery_attempted',
  'available_for_pickup',
  'returned_to_sender',
  'cancelled',
];

function sideStateOf(state: ShipmentState): TimelineSideState | undefined {
  if (state.cancelled) return 'cancelled';
  return SIDE_STATES.includes(state.status) ? (state.status as TimelineSideState) : undefined;
}

/** The customer timeline of a shipment state. */
export function timeline(state: ShipmentState): Timeline {
  const furthest = MILESTONES.indexOf(state.milestone);
  const milestones = MILESTONES.map((milestone, i): MilestoneStep => {
    const at = state.milestoneAt[milestone];
    return at === undefined ? { milestone, reached: i <= furthest } : { milestone, reached: i <= furthest, at };
  });
  const sideState = sideStateOf(state);
  return sideState === undefined ? { milestones } : { milestones, sideState };
}
