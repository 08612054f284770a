import { mapSimulatorCode } from '../../carriers/simulator/status-map.js';
import type { ShipmentStatus } from '../../domain/shipment-status.js';
import { isTerminalStatus } from '../../domain/status-rank.js';
import { formatIsoWithOffset, formatLocalDate, HOUR } from './sim-time.js';
import type { SimEvent, SimShipment } from './sim-types.js';

/** Scans the carrier reports at `nowMs`, newest `occurredAt` first (creation order breaks ties, newest first). */
export function visibleEvents(shipment: SimShipment, nowMs: number): SimEvent[] {
  return shipment.events
    .filter((event) => event.visibleAtMs <= nowMs)
    .sort((a, b) => b.occurredAtMs - a.occurredAtMs || b.seq - a.seq);
}

/** The normalized status of the latest reported scan; `unknown` before the first. */
export function currentStatus(events: readonly SimEvent[]): ShipmentStatus {
  const latest = events[0];
  return latest ? mapSimulatorCode(latest.code).status : 'unknown';
}

/** Estimate as the simulator renders it. */
export interface SimEtaView {
  date: string;
  windowStart?: string;
  windowEnd?: string;
}

/**
 * The carrier's estimate given what it has reported: none once delivered or returned; while the parcel is out
 * for delivery, that day with a window (carriers narrow the promise on the day); otherwise the planned date.
 */
export function etaView(shipment: SimShipment, events: readonly SimEvent[]): SimEtaView | undefined {
  const statuses = events.map((event) => mapSimulatorCode(event.code).status);
  if (statuses.some(isTerminalStatus)) return undefined;
  const latest = events[0];
  if (latest && statuses[0] === 'out_for_delivery') {
    const offset = latest.utcOffsetMinutes;
    return {
      date: formatLocalDate(latest.occurredAtMs, offset),
      windowStart: formatIsoWithOffset(latest.occurredAtMs + HOUR, offset),
      windowEnd: formatIsoWithOffset(latest.occurredAtMs + 8 * HOUR, offset),
    };
  }
  return shipment.eta ? { date: formatLocalDate(shipment.eta.atMs, shipment.eta.utcOffsetMinutes) } : undefined;
}

/** Whether the shipment's outage window covers `nowMs`. */
export function inOutage(shipment: SimShipment, nowMs: number): boolean {
  return shipment.outage !== undefined && nowMs >= shipment.outage.fromMs && nowMs < shipment.outage.toMs;
}
