import type { BusinessCalendar } from './business-calendar.js';
import { dayFromIso, isoFromDay, type Day } from './calendar-day.js';

/** Where the parcel is: each stage narrows the estimate. */
export type EtaStage = 'picked_up' | 'in_destination_region' | 'out_for_delivery';

/** The dates of an estimate (`YYYY-MM-DD` on the customer's calendar). */
export interface EtaDates {
  promise: string;
  likely: string;
  low: string;
  high: string;
}

/** Remaining business days from the stage's day (10th percentile, median, 90th percentile). */
export interface RemainingDays {
  low: number;
  likely: number;
  high: number;
}

/** After arrival in the destination region: typically the next business day, at most two (documented prior). */
export const IN_REGION_REMAINING: RemainingDays = { low: 0, likely: 1, high: 2 };

/** How much the carrier's own date weighs against ours, by stage (the carrier sees its network; we see history). */
export const CARRIER_WEIGHT: Record<EtaStage, number> = { picked_up: 0.5, in_destination_region: 0.7, out_for_delivery: 0 };

export interface RevisionInput {
  stage: EtaStage;
  /** The customer's calendar day of the progress event. */
  today: Day;
  destination: BusinessCalendar;
  remaining: RemainingDays;
  carrierEta?: string;
  current: EtaDates;
}

/** Revised dates, whether they moved, and why. */
export interface Revision extends EtaDates {
  changed: boolean;
  /** Machine-readable reason: the stage, `+carrier_eta` when the carrier's date weighed in, `+late` when the promise had to move. */
  reasonCode: string;
  reason: string;
}

/**
 * Revise an estimate on progress. Out for delivery means today. Otherwise the remaining business days
 * from today, blended with the carrier's date when one is given. No date is ever before today, and the
 * promise is kept unless the most likely date now falls after it (then it moves to the new high end).
 */
export function reviseDates(r: RevisionInput): Revision {
  const today = r.today;
  const cal = r.destination;
  let low: Day;
  let likely: Day;
  let high: Day;
  let usedCarrier = false;
  if (r.stage === 'out_for_delivery') {
    low = likely = high = today;
  } else {
    low = cal.addBusinessDays(today, r.remaining.low);
    likely = cal.addBusinessDays(today, r.remaining.likely);
    high = cal.addBusinessDays(today, r.remaining.high);
    if (r.carrierEta) {
      const carrier = Math.max(today, dayFromIso(r.carrierEta));
      const w = CARRIER_WEIGHT[r.stage];
      likely = cal.onOrAfter(Math.round(w * carrier + (1 - w) * likely));
      low = Math.min(low, carrier, likely);
      high = Math.max(high, carrier, likely);
      usedCarrier = true;
    }
  }
  const oldPromise = dayFromIso(r.current.promise);
  const late = likely > oldPromise;
  const promise = late ? Math.max(high, likely) : oldPromise;
  const dates: EtaDates = { promise: isoFromDay(promise), likely: isoFromDay(likely), low: isoFromDay(low), high: isoFromDay(high) };
  const changed = dates.likely !== r.current.likely || dates.promise !== r.current.promise;
  const reasonCode = `${r.stage}${usedCarrier ? '+carrier_eta' : ''}${late ? '+late' : ''}`;
  const words: Record<EtaStage, string> = {
    picked_up: 'picked up by the carrier',
    in_destination_region: 'arrived in the destination region',
    out_for_delivery: 'out for delivery today',
  };
  const reason = `${words[r.stage]}${usedCarrier ? `; carrier expects ${r.carrierEta!.slice(0, 10)}` : ''}${late ? `; later than promised (${r.current.promise})` : ''}`;
  return { ...dates, changed, reasonCode, reason };
}
