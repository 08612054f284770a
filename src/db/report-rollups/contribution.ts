/**
 * Contributions to the report rollup: small insert-only facts about one order, each under a key from its
 * business identity, so a retried activity or a re-run backfill inserts the same key again and the unique
 * `_id` drops it (never counted twice). Every contribution names the order's bucket: the UTC day it was
 * placed, its carrier and destination country, which is how the report groups and filters.
 */
export type Contribution =
  /** The order is in the cohort of its day: placed at `t` (epoch ms), promise deadline `d` (exclusive, ms). */
  | { k: 'placed'; o: string; t: number; d?: number }
  /** The order's state at projection revision `r` (the highest revision wins). */
  | { k: 'state'; o: string; r: number; s: string; dl?: number; sh?: number }
  /** A status change to exception or returned_to_sender (counted once per order). */
  | { k: 'change'; o: string; to: 'exception' | 'returned_to_sender' }
  /** Notification request `n` ended sent or failed (its first end counts). */
  | { k: 'notify'; o: string; n: string; ch: string; st: 'sent' | 'failed' }
  /** The order's feedback rating (1–5). */
  | { k: 'rating'; o: string; v: number };

/** Where an order's figures are summed: `day|carrier|country`. */
export interface Bucket {
  day: string;
  carrierId: string;
  country: string;
}

export const bucketId = (b: Bucket): string => `${b.day}|${b.carrierId}|${b.country}`;

/** The unique key of a contribution: what it is about, never when or by whom it was written. */
export function contributionKey(c: Contribution): string {
  switch (c.k) {
    case 'placed':
      return `p:${c.o}`;
    case 'state':
      return `s:${c.o}:${c.r}`;
    case 'change':
      return `c:${c.o}:${c.to}`;
    case 'notify':
      return `n:${c.n}`;
    case 'rating':
      return `f:${c.o}`;
  }
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The month of day `YYYY-MM-DD`, `YYYY-MM`. */
export const monthOfDay = (day: string): string => day.slice(0, 7);
