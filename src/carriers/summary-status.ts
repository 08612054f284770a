import { eventInstant } from '../domain/event-key.js';
import type { ShipmentStatus, SubStatus } from '../domain/shipment-status.js';
import { progressRank } from '../domain/status-rank.js';
import type { TrackingEvent } from '../domain/tracking-event.js';

/** An aggregator's own summary of a shipment (EasyPost tracker `status`, AfterShip `tag`, Shippo `tracking_status`). */
export interface SummaryStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
  description: string;
  /** The aggregator's raw summary value, e.g. `delivered`, `Delivered`, `DELIVERED`. */
  carrierCode?: string;
}

/** The newest event that says something (`unknown` never moves a shipment), by instant; the last one wins ties. */
function newestTelling(events: readonly TrackingEvent[]): TrackingEvent | undefined {
  let newest: TrackingEvent | undefined;
  for (const event of events) {
    if (event.status === 'unknown') continue;
    if (newest === undefined || !(eventInstant(event) < eventInstant(newest))) newest = event;
  }
  return newest;
}

/** True when the summary is further along than the detail (or off the progress path, e.g. an exception). */
function aheadOf(summary: ShipmentStatus, detail: ShipmentStatus): boolean {
  const s = progressRank(summary);
  const d = progressRank(detail);
  return s === null || d === null || s > d;
}

/**
 * Aggregators update their summary before the scan list: a tracker can say `delivered` while its newest
 * scan still says out for delivery. The summary wins: when it is ahead of the newest scan, one more event
 * with the summary's status is added at the newest scan's time (the tie order puts it after that scan).
 * Using that time, not the aggregator's `updated_at`, keeps the added event's de-duplication key the same
 * on every repeat of the same answer. Nothing is added when a scan already has the summary's progress
 * status (the reducer keeps it shown), nor without scans: there is no time to place it at.
 */
export function withSummaryStatus(events: TrackingEvent[], summary: SummaryStatus | undefined): TrackingEvent[] {
  if (summary === undefined || summary.status === 'unknown') return events;
  const newest = newestTelling(events) ?? events[events.length - 1];
  if (newest === undefined || Number.isNaN(eventInstant(newest))) return events;
  if (newest.status === summary.status || !aheadOf(summary.status, newest.status)) return events;
  // A progress status already among the scans stays shown (an older-looking later scan never lowers it).
  if (progressRank(summary.status) !== null && events.some((e) => e.status === summary.status)) return events;
  const added: TrackingEvent = { status: summary.status, occurredAt: newest.occurredAt, description: summary.description };
  if (summary.subStatus) added.subStatus = summary.subStatus;
  if (summary.carrierCode) added.carrierCode = summary.carrierCode;
  return [...events, added];
}
