import type { DbConnection } from '../../src/db/connection.js';
import { createWebhookInboxRepository } from '../../src/db/webhook-inbox/repository.js';
import type { WebhookRelay } from '../../src/services/webhook-relay/relay-types.js';
import { progress } from './report.js';

export interface InboxCounts {
  total: number;
  /** Still to signal: fresh (pending) or after a failed attempt (retry). */
  pending: number;
  relayed: number;
  unmatched: number;
}

/**
 * Webhook inbox entries by status, as the repository reports them (a stored entry with a relay receipt
 * counts as relayed): the durability check compares the total with the 202 answers the clients received.
 */
export async function inboxCounts(mongo: DbConnection): Promise<InboxCounts> {
  const c = await createWebhookInboxRepository(mongo).statusCounts();
  return { total: c.total, pending: c.pending + c.retry, relayed: c.relayed, unmatched: c.unmatched };
}

/**
 * Waits until the relay has signalled every stored webhook (none pending), or the timeout; returns the
 * counts at the end. While the API's relay holds a backlog, progress comes from the relay itself: counting
 * the inbox every 2 s would have the measuring compete with the relay (FerretDB reads every matching
 * document to count them). Once the backlog is empty, the inbox itself is asked (entries a sweep owes).
 */
export async function waitForRelay(mongo: DbConnection, relay: Pick<WebhookRelay, 'backlog'>, timeoutMs: number): Promise<InboxCounts & { waitedMs: number }> {
  const start = performance.now();
  let lastLine = Number.NEGATIVE_INFINITY;
  for (;;) {
    const waitedMs = performance.now() - start;
    const backlog = relay.backlog();
    if (backlog > 0 && waitedMs <= timeoutMs) {
      if (waitedMs - lastLine >= 5_000) {
        lastLine = waitedMs;
        progress(start, `relay catching up: ${backlog} stored webhooks still to signal`);
      }
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    const counts = await inboxCounts(mongo);
    const owed = counts.pending;
    if (owed === 0 || waitedMs > timeoutMs) return { ...counts, waitedMs };
    progress(start, `relay catching up: ${owed} stored webhooks left to the inbox sweep`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/**
 * Per relayed webhook, ms from its receipt to its relay being recorded (inbox write, order look-up,
 * signal to Temporal, relay saved): splits event→visible into the API's share and the worker's.
 */
export function relayLagsMs(mongo: DbConnection, since?: Date): Promise<number[]> {
  return createWebhookInboxRepository(mongo).relayLagsMs(since);
}
