/**
 * What is known about an order at the moment it is bought: the only input a purchase-time ETA may use.
 * Training rows carry the same fields plus the outcome (see {@link CompletedDelivery}).
 */
export interface PurchaseInput {
  orderId?: string;
  /** ISO instant with offset or `Z` (a bare wall-clock time is read in `shopTimeZone`). */
  purchasedAt: string;
  /** IANA zone of the customer: ETA dates are calendar dates on the customer's wall calendar. */
  customerTimeZone: string;
  /** IANA zone of the shop, for the dispatch cut-off (default: the customer's). */
  shopTimeZone?: string;
  /** ISO 3166-1 alpha-2 country codes; regions are states/provinces (`SP`, `CA`), used for holidays too. */
  originCountry: string;
  originRegion?: string;
  originPostcode?: string;
  destinationCountry: string;
  destinationRegion?: string;
  destinationPostcode?: string;
  carrier?: string;
  serviceLevel?: string;
  itemCount?: number;
  sellerCount?: number;
  weightGrams?: number;
  freightCost?: number;
  category?: string;
}

/** A past order with its outcome: the training signal. */
export interface CompletedDelivery {
  input: PurchaseInput;
  /** When the customer received it (ISO instant). */
  deliveredAt: string;
  /** When the shop handed it to the carrier, when known (trains the after-pickup revision). */
  handedOverAt?: string;
  /** The date the shop/platform promised at purchase (`YYYY-MM-DD`), when the data has one: scored beside ours. */
  platformPromise?: string;
}

/** Lane key: origin region → destination region, within countries. */
export function laneKey(input: PurchaseInput): string {
  return `${input.originCountry}:${input.originRegion ?? '?'}>${input.destinationCountry}:${input.destinationRegion ?? '?'}`;
}

/** Destination key for the lane history's coarser level. */
export function destinationKey(input: PurchaseInput): string {
  return `${input.destinationCountry}:${input.destinationRegion ?? '?'}`;
}

/** Carrier + service level key (the prior's and the baseline's middle level). */
export function carrierKey(input: PurchaseInput): string {
  return `${(input.carrier ?? '').toLowerCase()}|${(input.serviceLevel ?? '').toLowerCase()}`;
}
