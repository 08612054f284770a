import type { Day } from './calendar-day.js';
import { dayFromIso } from './calendar-day.js';
import { historyKeys } from './features.js';
import type { HistoryEntry } from './lane-history.js';
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
    }
    if (delivery.platformPromise) row.platformDay = dayFromIso(delivery.platformPromise);
    return row;
  });
  return rows.sort((a, b) => a.timing.purchaseMs - b.timing.purchaseMs);
}

/** The lane-history entry a delivery contributes once it is completed. */
export function historyEntryOf(row: LabelledRow): HistoryEntry {
  return { keys: historyKeys(row.delivery.input), completedMs: row.deliveredMs, transit: row.transit };
}
