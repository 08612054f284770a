import type { Day } from './calendar-day.js';
import { dayFromIso } from './calendar-day.js';
import { handlingKeys, historyKeys, legKeys, squareKeys } from './features.js';
import type { HistoryEntry, LaneHistory } from './lane-history.js';
import type { CompletedDelivery } from './purchase-input.js';
import { localDay, parseInstant } from './time-zone.js';
import { orderTiming, type OrderTiming } from './timing.js';

/** A past delivery with everything derived once: timing, the transit target and the days to score. */
export interface LabelledRow {
  delivery: CompletedDelivery;
  timing: OrderTiming;
  deliveredMs: number;
  /** Customer's calendar day of delivery. */
  actualDay: Day;
  /** Business days from dispatch to delivery (the target). */
  transit: number;
  /** Business days from hand-over to delivery, when the hand-over is known (the after-pickup revision's target). */
  afterPickup?: number;
  platformDay?: Day;
  /** Hand-over to the carrier (instant), and business days from dispatch to it, when known. */
  handedOverMs?: number;
  handling?: number;
}

/** Derive the labelled rows, sorted by purchase time (the time order every split and sweep follows). */
export function labelRows(deliveries: CompletedDelivery[], cutoffHour: number): LabelledRow[] {
  const rows = deliveries.map((delivery): LabelledRow => {
    const zone = delivery.input.customerTimeZone;
    const timing = orderTiming(delivery.input, cutoffHour);
    const deliveredMs = parseInstant(delivery.deliveredAt, zone);
    const actualDay = localDay(deliveredMs, zone);
    const row: LabelledRow = {
      delivery,
      timing,
      deliveredMs,
      actualDay,
      transit: timing.destination.businessDaysBetween(timing.dispatchDay, actualDay),
    };
    if (delivery.handedOverAt) {
      const handed = localDay(parseInstant(delivery.handedOverAt, zone), zone);
      if (handed <= actualDay) row.afterPickup = timing.destination.businessDaysBetween(handed, actualDay);
      const handedMs = parseInstant(delivery.handedOverAt, zone);
      if (handedMs <= deliveredMs) {
        row.handedOverMs = handedMs;
        row.handling = Math.max(0, timing.origin.businessDaysBetween(timing.dispatchDay, localDay(handedMs, delivery.input.shopTimeZone ?? zone)));
      }
    }
    if (delivery.platformPromise) row.platformDay = dayFromIso(delivery.platformPromise);
    return row;
  });
  return rows.sort((a, b) => a.timing.purchaseMs - b.timing.purchaseMs);
}

/**
 * The lane-history entries a delivery contributes: its whole transit once delivered and, when the hand-over is
 * known, its handling time from the hand-over moment and its carrier leg once delivered.
 */
export function historyEntriesOf(row: LabelledRow): HistoryEntry[] {
  const input = row.delivery.input;
  const entries: HistoryEntry[] = [
    { keys: historyKeys(input), completedMs: row.deliveredMs, transit: row.transit },
    { keys: squareKeys(input), completedMs: row.deliveredMs, transit: row.transit * row.transit },
  ];
  if (row.handedOverMs !== undefined && row.handling !== undefined) {
    entries.push({ keys: handlingKeys(input), completedMs: row.handedOverMs, transit: row.handling });
    if (row.afterPickup !== undefined) entries.push({ keys: legKeys(input), completedMs: row.deliveredMs, transit: row.afterPickup });
  }
  return entries;
}

/** Add every entry of each row to a history. */
export function addToHistory(history: LaneHistory, rows: LabelledRow[]): LaneHistory {
  for (const row of rows) for (const e of historyEntriesOf(row)) history.add(e);
  return history;
}
