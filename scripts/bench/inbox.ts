import type { DbConnection } from '../../src/db/connection.js';
import { createWebhookInboxRepository } from '../../src/db/webhook-inbox/repository.js';
import { progress } from './report.js';

export interface InboxCounts {
  total: number;
  /** Still to signal: fresh (pending) or after a failed attempt (retry). */
  pending: number;
  relayed: number;
  unmatched: number;
}

/**
 * Webhook inbox entries by status, read through the model src/db registers (scripts may not import
 * mongoose): the durability check compares the total with the 202 answers the clients received.
 */
export async function inboxCounts(mongo: DbConnection): Promise<InboxCounts> {
  createWebhookInboxRepository(mongo); // registers the model on this connection if the services have not
  const inbox = mongo.models.WebhookInbox!;
  const groups = (await inbox.aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }])) as { _id: string; n: number }[];
  const of = (status: string) => groups.find((g) => g._id === status)?.n ?? 0;
  return { total: groups.reduce((sum, g) => sum + g.n, 0), pending: of('pending') + of('retry'), relayed: of('relayed'), unmatched: of('unmatched') };
}

/** Waits until the relay has signalled every stored webhook (none pending), or the timeout; returns the last counts. */
export async function waitForRelay(mongo: DbConnection, timeoutMs: number): Promise<InboxCounts & { waitedMs: number }> {
  const start = performance.now();
  for (;;) {
    const counts = await inboxCounts(mongo);
    const waitedMs = performance.now() - start;
    if (counts.pending === 0 || waitedMs > timeoutMs) return { ...counts, waitedMs };
    progress(start, `relay catching up: ${counts.pending} of ${counts.total} stored webhooks still to signal`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/**
 * Per relayed webhook, ms from its receipt to its relay being recorded (inbox write, order look-up,
 * signal to Temporal, relay saved): splits event→visible into the API's share and the worker's.
 */
export async function relayLagsMs(mongo: DbConnection): Promise<number[]> {
  createWebhookInboxRepository(mongo);
  const docs = (await mongo.models.WebhookInbox!.find({ status: 'relayed' }, { receivedAt: 1, relayedAt: 1 }).lean()) as {
    receivedAt?: Date;
    relayedAt?: Date;
  }[];
  return docs.flatMap((d) => (d.receivedAt && d.relayedAt ? [d.relayedAt.getTime() - d.receivedAt.getTime()] : []));
}
