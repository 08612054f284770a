import { businessCalendar, type BusinessCalendar } from './business-calendar.js';
import type { Day } from './calendar-day.js';
import type { PurchaseInput } from './purchase-input.js';
import { localDay, localTime, parseInstant } from './time-zone.js';

/** When an order leaves and on which calendars its days are counted. */
export interface OrderTiming {
  purchaseMs: number;
  /** Purchase day and hour on the shop's clock. */
  purchaseDay: Day;
  purchaseHour: number;
  /** First business day (origin calendar) the shop can dispatch on: after the cut-off it is the next one. */
  dispatchDay: Day;
  origin: BusinessCalendar;
  /** Destination calendar: transit is counted in its business days, ETA dates land on them. */
  destination: BusinessCalendar;
}

/**
 * Dispatch day from the purchase time and the shop's cut-off hour (orders at or after it, or on a
 * non-business day, leave on the next business day of the origin country).
 */
export function orderTiming(input: PurchaseInput, cutoffHour: number): OrderTiming {
  const shopZone = input.shopTimeZone ?? input.customerTimeZone;
  const purchaseMs = parseInstant(input.purchasedAt, shopZone);
  const { day, hour } = localTime(purchaseMs, shopZone);
  const origin = businessCalendar(input.originCountry, input.originRegion);
  const destination = businessCalendar(input.destinationCountry, input.destinationRegion);
  const sameDay = hour < cutoffHour && origin.isBusinessDay(day);
  const dispatchDay = sameDay ? day : origin.onOrAfter(day + 1);
  return { purchaseMs, purchaseDay: day, purchaseHour: hour, dispatchDay, origin, destination };
}

/** Transit in destination business days from dispatch to the customer's delivery day (the training target). */
export function transitBusinessDays(timing: OrderTiming, deliveredAt: string, customerTimeZone: string): number {
  const delivered = localDay(parseInstant(deliveredAt, customerTimeZone), customerTimeZone);
  return timing.destination.businessDaysBetween(timing.dispatchDay, delivered);
}

/** The customer's calendar day `businessDays` after dispatch (a fractional count is rounded). */
export function dayAfterDispatch(timing: OrderTiming, businessDays: number): Day {
  return timing.destination.addBusinessDays(timing.dispatchDay, Math.max(0, Math.round(businessDays)));
}
