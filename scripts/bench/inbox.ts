import type { DbConnection } from '../../src/db/connection.js';
import { createWebhookInboxRepository } from '../../src/db/webhook-inbox/repository.js';
import type { WebhookRelay } from '../../src/services/webhook-relay.js';
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

/**
 * Waits until the relay has signalled every stored webhook (none pending), or the timeout; returns the
 * counts at the end. While the API's relay holds a backlog, progress comes from the relay itself: counting
 * the inbox every 2 s would have the measuring compete with the relay (FerretDB reads every matching
 * document to count them). Once the backlog is empty, the inbox itself is asked (entries a sweep owes).
 */
export async function waitForRelay(mongo: DbConnection, relay: Pick<WebhookRelay, 'backlog'>, timeoutMs: number): Promise<InboxCounts & { waitedMs: number }> {
  const start = performance.now();
  createWebhookInboxRepository(mongo);
  const inbox = mongo.models.WebhookInbox!;
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
    const owed = (await inbox.countDocuments({ status: 'pending' })) + (await inbox.countDocuments({ status: 'retry' }));
    if (owed === 0 || waitedMs > timeoutMs) return { ...(await inboxCounts(mongo)), waitedMs };
    progress(start, `relay catching up: ${owed} stored webhooks left to the inbox sweep`);
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
