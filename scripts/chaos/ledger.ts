/**
 * What the chaos load sent and what it was answered: the record the checks compare the system's state
 * against. A request counts as accepted from its first 2xx answer; a request never answered 2xx is
 * owed nothing (the client was told, or never heard, that it failed).
 */
export type ScanCode = 'IT' | 'OD' | 'DL';

export interface SentWebhook {
  eventId: string;
  orderCode: string;
  code: ScanCode;
  /** Attempts so far (a carrier re-sends what was not answered 2xx, same delivery id). */
  attempts: number;
  /** Epoch ms of the first 2xx answer. */
  acceptedAt?: number;
  /** The webhook inbox entry its 202 named (a 200 "duplicate" names none). */
  inboxId?: string;
  /** Epoch ms at which the checks first found its event in the order's read model. */
  seenAt?: number;
}

export interface PlacedOrder {
  code: string;
  trackingNumber: string;
  attempts: number;
  acceptedAt?: number;
  /** Epoch ms at which its workflow's first projection was found in the read model. */
  seenAt?: number;
  /** Where its scans stand: scanning, out for delivery sent (DL waits for it to show), delivered sent. */
  stage: 'scanning' | 'od-sent' | 'dl-sent';
  scans: number;
}

/** Answers by status per kind of request (`error` = no answer: connection refused or reset, timeout). */
export type StatusCounts = Record<string, number>;

export interface Ledger {
  webhooks: Map<string, SentWebhook>;
  orders: Map<string, PlacedOrder>;
  answers: { webhooks: StatusCounts; orders: StatusCounts };
}

export function createLedger(): Ledger {
  return { webhooks: new Map(), orders: new Map(), answers: { webhooks: {}, orders: {} } };
}

export function countAnswer(counts: StatusCounts, status: number | 'error'): void {
  const key = String(status);
  counts[key] = (counts[key] ?? 0) + 1;
}

/** "202×310, 500×12, error×4". */
export function formatCounts(counts: StatusCounts): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([status, n]) => `${status}×${n}`).join(', ');
}
