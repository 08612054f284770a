/**
 * After the last milestone: waiting for the messages still on their way, and what the product's own
 * notification log says about them (the `notifications` collection, read through the run's connection).
 */
import type { LocalStack } from './local-stack.js';
import { MILESTONE_SCANS } from './milestone-scans.js';
import type { ProviderSinks } from './provider-sinks.js';
import { progress } from './report.js';

export interface DrainResult {
  waitedMs: number;
  /** True when every expected message arrived and no notification workflow was left running. */
  complete: boolean;
  running: number;
}

/**
 * Waits until the providers hold every expected message and no notification workflow (batch, or per message from an earlier release) runs any more (so no
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
  const query = `TaskQueue = "${stack.config.temporal.taskQueue}" AND (WorkflowType = "NotificationFollowUpWorkflow" OR WorkflowType = "NotificationBatchWorkflow" OR WorkflowType = "NotificationWorkflow") AND ExecutionStatus = "Running"`;
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

/** One request of the notification log, as the benchmark reads it. */
interface LogEntry {
  status: string;
  attempts: number;
  requestedAt: number;
  note?: string;
}

/**
 * The notification log (the `notifications` collection, through the run's connection), read once. Read it
 * before asking the providers what they took: a request marked sent was taken before it was marked (the
 * mark follows the provider's answer), so no message can pass for missing while its request says sent.
 */
export async function readNotificationLog(stack: LocalStack): Promise<Map<string, LogEntry & { held: boolean }>> {
  const docs = await stack.mongo.db!.collection('notifications')
    .find({}, { projection: { key: 1, status: 1, attempts: 1, requestedAt: 1, notBefore: 1, error: 1, reason: 1 } })
    .toArray();
  return new Map(
    docs.map((d) => {
      const note = (d.error ?? d.reason) as string | undefined;
      const entry = { status: String(d.status), attempts: Number(d.attempts ?? 0), requestedAt: (d.requestedAt as Date).getTime(), held: d.notBefore !== undefined, ...(note ? { note } : {}) };
      return [String(d.key), entry];
    }),
  );
}

/** The notification log: requests by status, how many quiet hours held, retried sends, and where the missing ones stand. */
export interface NotificationRecords {
  byStatus: Record<string, number>;
  held: number;
  retried: number;
  /**
   * Expected messages the providers never took, by their request's status: `not recorded` (no request),
   * `superseded` (no request, and a later milestone of the order has one: applied behind it, so no message).
   */
  missingByStatus: Record<string, number>;
  /** The missing ones with no request at all, by milestone (`notify:<order>:<milestone>:<channel>`). */
  notRecordedByTrigger: Record<string, number>;
  examples: { key: string; status: string; attempts: number; note?: string }[];
}

export function summarizeLog(log: Map<string, LogEntry & { held: boolean }>, missing: string[]): NotificationRecords {
  const byStatus: Record<string, number> = {};
  let held = 0;
  let retried = 0;
  for (const entry of log.values()) {
    byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    if (entry.held) held += 1;
    if (entry.attempts > 1) retried += 1;
  }
  const missingByStatus: Record<string, number> = {};
  const notRecordedByTrigger: Record<string, number> = {};
  // Pipelined relays may signal a shipment's later scan first; a milestone applied behind a later one asks
  // for no message (the customer is not told "out for delivery" after "delivered"): superseded, not lost.
  const later = (key: string) => {
    const [, order, trigger, channel] = key.split(':');
    const after = MILESTONE_SCANS.map((scan) => scan.trigger as string).slice(MILESTONE_SCANS.findIndex((scan) => scan.trigger === trigger) + 1);
    return after.some((t) => log.has(`notify:${order}:${t}:${channel}`));
  };
  // A few of each status, so a loss (a request that ended without its message) is named, not only counted.
  const examples: NotificationRecords['examples'] = [];
  for (const key of missing) {
    const entry = log.get(key);
    const status = entry?.status ?? (later(key) ? 'superseded' : 'not recorded');
    missingByStatus[status] = (missingByStatus[status] ?? 0) + 1;
    const trigger = key.split(':')[2] ?? '?';
    if (status === 'not recorded') notRecordedByTrigger[trigger] = (notRecordedByTrigger[trigger] ?? 0) + 1;
    if (missingByStatus[status]! <= 2) examples.push({ key, status, attempts: entry?.attempts ?? 0, ...(entry?.note ? { note: entry.note } : {}) });
  }
  return { byStatus, held, retried, missingByStatus, notRecordedByTrigger, examples };
}
