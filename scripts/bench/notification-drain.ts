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
 * retry can still add a copy), or until no new message arrived for `idleTimeoutMs`, or `maxMs` in all (an
 * overloaded stack that drains a message a second would otherwise keep the run going for an hour).
 */
export async function drainNotifications(options: {
  stack: LocalStack;
  sinks: ProviderSinks;
  expected: { email: number; sms: number };
  idleTimeoutMs: number;
  maxMs: number;
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
    if (complete || now - lastChange > options.idleTimeoutMs || now - start > options.maxMs) return { waitedMs: now - start, complete, running };
    if (now - lastLine >= 5_000) {
      lastLine = now;
      progress(start, `draining: ${counts.email}/${expected.email} e-mails, ${counts.sms}/${expected.sms} SMS taken, ${running} notification workflows running`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** When the worker recorded each request (epoch ms by key): splits a message's latency at that point. */
export async function requestTimes(stack: LocalStack): Promise<Map<string, number>> {
  const docs = await stack.mongo.db!.collection('notifications').find({}, { projection: { key: 1, requestedAt: 1 } }).toArray();
  return new Map(docs.map((d) => [String(d.key), (d.requestedAt as Date).getTime()]));
}

/** The notification log: requests by status, how many quiet hours held, retried sends, and where the missing ones stand. */
export interface NotificationRecords {
  byStatus: Record<string, number>;
  held: number;
  retried: number;
  /** Expected messages the providers never took, by their request's status (`not recorded`: no request). */
  missingByStatus: Record<string, number>;
  examples: { key: string; status: string; attempts: number; note?: string }[];
}

export async function notificationRecords(stack: LocalStack, missing: string[]): Promise<NotificationRecords> {
  const notifications = stack.mongo.db!.collection('notifications');
  const [groups, held, retried, found] = await Promise.all([
    notifications.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]).toArray(),
    notifications.countDocuments({ notBefore: { $exists: true } }),
    notifications.countDocuments({ attempts: { $gt: 1 } }),
    missing.length ? notifications.find({ key: { $in: missing } }, { projection: { key: 1, status: 1, attempts: 1, error: 1, reason: 1 } }).toArray() : Promise.resolve([]),
  ]);
  const byKey = new Map(found.map((d) => [String(d.key), d]));
  const missingByStatus: Record<string, number> = {};
  for (const key of missing) {
    const status = String(byKey.get(key)?.status ?? 'not recorded');
    missingByStatus[status] = (missingByStatus[status] ?? 0) + 1;
  }
  // A few of each status, so a loss (a request that ended without its message) is named, not only counted.
  const shown = new Map<string, number>();
  const examples = missing.flatMap((key) => {
    const doc = byKey.get(key);
    const status = String(doc?.status ?? 'not recorded');
    if ((shown.get(status) ?? 0) >= 2) return [];
    shown.set(status, (shown.get(status) ?? 0) + 1);
    const note = (doc?.error ?? doc?.reason) as string | undefined;
    return [{ key, status, attempts: Number(doc?.attempts ?? 0), ...(note ? { note } : {}) }];
  });
  return { byStatus: Object.fromEntries(groups.map((g) => [g._id, g.n])), held, retried, missingByStatus, examples };
}
