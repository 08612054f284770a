import { MILESTONES } from '../../domain/shipment-status.js';
import { isTerminalStatus } from '../../domain/status-rank.js';
import type { Situation } from '../i18n/messages-en.js';
import { lookupPlace } from '../map/gazetteer.js';
import { promiseEnds, validZone } from '../format/dates.js';
import type { TrackingView } from '../tracking-page-queries.js';

/** The side situation the page explains (with what the customer can do), if any. */
export function situationOf(view: TrackingView, now: number): Situation | undefined {
  switch (view.status) {
    case 'cancelled':
    case 'returned_to_sender':
    case 'delivery_attempted':
    case 'available_for_pickup':
      return view.status;
    case 'exception':
      return view.subStatus === 'delayed' ? 'delayed' : 'exception';
    default:
      return isLate(view, now) ? 'late' : undefined;
  }
}

/**
 * Late when the parcel is still under way and either the promise made at purchase or the current
 * estimate's last day has passed: the page says so rather than quietly moving the date.
 */
export function isLate(view: TrackingView, now: number): boolean {
  if (isTerminalStatus(view.status) || view.deliveredAt) return false;
  const ends = [view.promisedDate, view.estimate?.latest ?? view.estimate?.date].filter((d): d is string => Boolean(d));
  return ends.some((d) => promiseEnds(d) < now);
}

/** Index of the highlighted step (0–4). */
export const currentStepIndex = (view: TrackingView): number => Math.max(0, MILESTONES.indexOf(view.milestone));

/** The zone times are shown in: the view's, else the destination's (gazetteer), else UTC. */
export function customerZone(view: TrackingView): string {
  return validZone(view.timeZone) ?? lookupPlace(view.destination)?.timeZone ?? 'UTC';
}

/** Tone of the status card, for colour (always paired with text and an icon shape). */
export function toneOf(view: TrackingView, situation: Situation | undefined): 'ok' | 'done' | 'warn' | 'bad' {
  if (view.status === 'delivered') return 'done';
  if (situation === 'cancelled' || situation === 'returned_to_sender' || situation === 'exception') return 'bad';
  if (situation) return 'warn';
  return 'ok';
}
