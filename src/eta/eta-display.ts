import type { EstimatedDelivery } from '../db/orders/order-record.js';
import { calendarDate } from './calendar-date.js';

/**
 * The estimate as a page or a notification should word it. `overdue`: even the end of the range has passed
 * with no revision since, so the date must not be shown as the plan ("running late; a new date follows").
 * `newDate`: a revision moved the date (say "new date" and `reason`); `promiseMoved`: it moved past the
 * "arrives by" day promised at purchase.
 */
export interface EtaDisplay {
  state: 'planned' | 'overdue';
  /** Most likely day and the range, `YYYY-MM-DD` on the customer's calendar. */
  date: string;
  earliest?: string;
  latest?: string;
  arrivesBy?: string;
  promisedDate?: string;
  newDate: boolean;
  promiseMoved: boolean;
  reason?: string;
}

/** One function for the tracking page and the notifications (issue #23, "Seen by people"). */
export function etaForDisplay(estimate: EstimatedDelivery | undefined, timeZone: string | undefined, now: Date): EtaDisplay | undefined {
  if (!estimate?.date) return undefined;
  const today = calendarDate(now, timeZone ?? 'UTC');
  const end = estimate.latest ?? estimate.date;
  const promiseMoved = Boolean(estimate.promisedDate && estimate.arrivesBy && estimate.arrivesBy !== estimate.promisedDate);
  return {
    state: end < today ? 'overdue' : 'planned',
    date: estimate.date,
    ...(estimate.earliest ? { earliest: estimate.earliest } : {}),
    ...(estimate.latest ? { latest: estimate.latest } : {}),
    ...(estimate.arrivesBy ? { arrivesBy: estimate.arrivesBy } : {}),
    ...(estimate.promisedDate ? { promisedDate: estimate.promisedDate } : {}),
    newDate: Boolean(estimate.reasonCode),
    promiseMoved,
    ...(estimate.reason ? { reason: estimate.reason } : {}),
  };
}
