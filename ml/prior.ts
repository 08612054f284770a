import type { PurchaseInput } from './purchase-input.js';

/** Transit in business days after dispatch (low = 10th percentile, high = 90th, promise = "arrives by"). */
export interface TransitDays {
  low: number;
  likely: number;
  high: number;
  promise: number;
}

export type ServiceClass = 'express' | 'standard' | 'economy';

/**
 * The documented prior a fresh install serves before it has enough deliveries of its own: business days by
 * service class, optionally per carrier, plus extra days for international parcels and the remaining days
 * after pickup (revisions). Figures are typical domestic parcel services, deliberately on the slow side for
 * the promise; a shop can pass its own table to createEtaService.
 */
export interface PriorTable {
  serviceClasses: Record<ServiceClass, TransitDays>;
  /** Per carrier id (lower case) and service class, overriding the class defaults. */
  carriers: Record<string, Partial<Record<ServiceClass, TransitDays>>>;
  /** Added to every figure when origin and destination countries differ. */
  internationalExtraDays: number;
  /** Remaining business days after the carrier picks up, as a share of the purchase-time figures. */
  afterPickupShare: number;
}

export const DEFAULT_PRIOR: PriorTable = {
  serviceClasses: {
    express: { low: 1, likely: 1, high: 2, promise: 3 },
    standard: { low: 2, likely: 4, high: 6, promise: 7 },
    economy: { low: 4, likely: 7, high: 10, promise: 12 },
  },
  carriers: {},
  internationalExtraDays: 5,
  afterPickupShare: 0.8,
};

/** Service class from a free-text service level ("UPS Next Day Air" → express, "Ground" → standard). */
export function serviceClassOf(serviceLevel: string | undefined): ServiceClass {
  const s = (serviceLevel ?? '').toLowerCase();
  if (/express|overnight|next.?day|priority|1.?day|2.?day|same.?day|sedex/.test(s)) return 'express';
  if (/economy|saver|media|smartpost|parcel.?select|pac\b|deferred/.test(s)) return 'economy';
  return 'standard';
}

/** The prior's transit figures for an order. */
export function priorTransit(table: PriorTable, input: PurchaseInput): TransitDays {
  const cls = serviceClassOf(input.serviceLevel);
  const base = table.carriers[(input.carrier ?? '').toLowerCase()]?.[cls] ?? table.serviceClasses[cls];
  const extra = input.originCountry !== input.destinationCountry ? table.internationalExtraDays : 0;
  return { low: base.low + extra, likely: base.likely + extra, high: base.high + extra, promise: base.promise + extra };
}
