/**
 * After the last milestone: waiting for the messages still on their way, and what the product's own
 * notification log says about them (the `notifications` collection, read through the run's connection).
 */
import type { LocalStack } from './local-stack.js';
import type { ProviderSinks } from './provider-sinks.js';
import { progress } from './report.js';

export interface DrainResult {
  waitedMs: number;
  /** True when every expected message arrived and no NotificationWorkflow was left running. */
  complete: boolean;
  running: number;
}

/**
 * Waits until the providers hold every expected message and no NotificationWorkflow runs any more (so no
 * retry can still add a copy), or until no new message arrived for `idleTimeoutMs`.
 */
export async function drainNotifications(options: {
  stack: LocalStack;
  sinks: ProviderSinks;
  expected: { email: number; sms: number };
  idleTimeoutMs: number;
}): Promise<DrainResult> {
  const { stack, sinks, expected } = options;
  const query = `TaskQueue = "${stack.config.temporal.taskQueue}" AND WorkflowType = "NotificationWorkflow" AND ExecutionStatus = "Running"`;
  const start = performance.now();
  let last = { email: -1, sms: -1 };
  let lastChange = start;
  let lastLine = Number.NEGATIVE_INFINITY;
  for (;;) {
    const [counts, running] = await Promise.all([sinks.counts(), stack.temporal.workflow.count(query).then((r) => r.count)]);
    const now = performance.now();
    if (counts.email !== last.email || counts.sms !== last.sms) [last, lastChange] = [counts, now];
    const complete = counts.email >= expected.email && counts.sms >= expected.sms && running === 0;
    if (complete || now - lastChange > options.idleTimeoutMs) return { waitedMs: now - start, complete, running };
    if (now - lastLine >= 5_000) {
      lastLine = now;
      progress(start, `draining: ${counts.email}/${expected.email} e-mails, ${counts.sms}/${expected.sms} SMS taken, ${running} notification workflows running`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** The notification log: requests by status, how many quiet hours held, retried sends, and a few named ones. */
export interface NotificationRecords {
  byStatus: Record<string, number>;
  held: number;
  retried: number;
  examples: { key: string; status: string; attempts: number; note?: string }[];
}

/** When the worker recorded each request (epoch ms by key): splits a message's latency at that point. */
export async function requestTimes(stack: LocalStack): Promise<Map<string, number>> {
  const docs = await stack.mongo.db!.collection('notifications').find({}, { projection: { key: 1, requestedAt: 1 } }).toArray();
  return new Map(docs.map((d) => [String(d.key), (d.requestedAt as Date).getTime()]));
}

export async function notificationRecords(stack: LocalStack, keys: string[]): Promise<NotificationRecords> {
  const notifications = stack.mongo.db!.collection('notifications');
  const [groups, held, retried, examples] = await Promise.all([
    notifications.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]).toArray(),
    notifications.countDocuments({ notBefore: { $exists: true } }),
    notifications.countDocuments({ attempts: { $gt: 1 } }),
    keys.length ? notifications.find({ key: { $in: keys } }).toArray() : Promise.resolve([]),
  ]);
  return {
    byStatus: Object.fromEntries(groups.map((g) => [g._id, g.n])),
    held,
    retried,
    examples: keys.map((key) => {
      const doc = examples.find((d) => d.key === key);
      if (!doc) return { key, status: 'not recorded', attempts: 0 };
      const note = (doc.error ?? doc.reason) as string | undefined;
      return { key, status: String(doc.status), attempts: Number(doc.attempts ?? 0), ...(note ? { note } : {}) };
    }),
  };
}
