/**
 * The webhook relay's timings and limits in one place: how long a stored entry belongs to the process that
 * stored it, how leases are bucketed and renewed, how failed relays back off, and how much the relay holds
 * in memory. The inbox repository (src/db) only stores what these decide.
 */

/**
 * How long a fresh entry belongs to the API process that stored it (which relays it at once) before a
 * sweep of any process may take it: a process that dies between the 2xx and the relay loses nothing.
 */
export const RELAY_LEASE_MS = 30_000;

/** Width of one lease's time bucket: two writes per bucket per process, whatever the webhook rate. */
export const LEASE_BUCKET_MS = 10_000;

/**
 * How long before its bucket begins the next lease is written, by a claim in the current one: the first
 * webhooks of a bucket then find their lease durable already instead of all waiting for its write (an
 * upsert that took tens of ms on a busy FerretDB, once every 10 s, in the answer's p99).
 */
export const LEASE_PREOPEN_MS = 1_000;

/**
 * How long after its bucket began a lease is still extended for a relay that owes its entries. A relay
 * further behind than this is stuck rather than slow (its queue and set-aside ids hold at most 60,000
 * entries, about 3 minutes of relaying on 2 cores), so its leases are left to expire and any process's
 * sweep takes their entries, rather than this process keeping them while it cannot relay them.
 */
export const LEASE_RENEWAL_LIMIT_MS = 10 * 60_000;

/** A relay attempt gives up quickly when Temporal is unreachable; the entry stays stored and is retried. */
export const SIGNAL_DEADLINE_MS = 3_000;

/** Backoff of a relay that could not reach Temporal: 1 s doubling to a minute, retried until delivered. */
export const retryDelayMs = (attempts: number) => Math.min(60_000, 1_000 * 2 ** Math.min(attempts, 6));

/** At most one "queue full" warning per this interval (it carries the count of entries dropped since). */
export const DROP_WARNING_INTERVAL_MS = 5_000;

/** Entries a sweep reads per status and per call. */
export const SWEEP_LIMIT = 500;

/** Defaults of the relay's limits (see WebhookRelayOptions for what each bounds and why). */
export const RELAY_LIMITS = {
  batchSize: 100,
  signalConcurrency: 4,
  maxQueued: 10_000,
  maxSetAside: 50_000,
  pipelines: 2,
} as const;
