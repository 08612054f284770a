import type { InitialRequestState, NotificationRepository } from '../src/db/notifications/repository.js';
import { unconfiguredChannelReason } from '../src/domain/notification-decision.js';
import type { NotificationRequest } from '../src/domain/notification-policy.js';
import type { NotificationRequestInput } from './activity-types.js';

/**
 * Requests on channels this installation has not configured, key → why they are skipped. `configured`
 * absent: none (every request goes on to be decided).
 */
export function unconfiguredRequests(requests: readonly NotificationRequest[], configured: readonly string[] | undefined): Map<string, string> {
  return new Map(configured ? requests.filter((r) => !configured.includes(r.channel)).map((r) => [r.key, unconfiguredChannelReason(r.channel)]) : []);
}

/**
 * Records a revision's requests: those in `unconfigured` inserted skipped with their reason (no
 * insert-then-update a reader could catch between), the others in the state `decided` gives (default
 * `requested`). A request of an unconfigured channel that an earlier attempt (a retried write) recorded
 * before it could mark it is marked skipped now. Returns the keys newly recorded.
 */
export async function recordRevisionRequests(
  notifications: Pick<NotificationRepository, 'recordRequests' | 'markSkipped'>,
  n: NotificationRequestInput,
  at: Date,
  unconfigured: ReadonlyMap<string, string>,
  decided?: ReadonlyMap<string, InitialRequestState>,
): Promise<Set<string>> {
  const initial = new Map<string, InitialRequestState>(decided);
  for (const [key, reason] of unconfigured) initial.set(key, { status: 'skipped', reason });
  const fresh = new Set(await notifications.recordRequests(n.orderCode, n.revision, n.requests, at, initial));
  for (const [key, reason] of unconfigured) if (!fresh.has(key)) await notifications.markSkipped(key, reason, at);
  return fresh;
}
