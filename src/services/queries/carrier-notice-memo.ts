import type { CarrierNotice } from './carrier-health.js';

/** How long a process reuses a carrier's notice: an outage shows on its pages within this (carriers poll for minutes). */
export const CARRIER_NOTICE_TTL_MS = 5_000;

/**
 * The tracking page's carrier notice, read at most once per carrier per `ttlMs` in a process: every open
 * order's page asks it, and a handful of carriers serve them all, so this is no database read per page.
 * A failed read is not kept.
 */
export function memoizeCarrierNotice(
  read: (carrierId: string) => Promise<CarrierNotice | undefined>,
  ttlMs = CARRIER_NOTICE_TTL_MS,
  now: () => number = Date.now,
): (carrierId: string) => Promise<CarrierNotice | undefined> {
  const memo = new Map<string, { at: number; notice: Promise<CarrierNotice | undefined> }>();
  return (carrierId) => {
    const hit = memo.get(carrierId);
    if (hit && now() - hit.at < ttlMs) return hit.notice;
    const notice = read(carrierId);
    memo.set(carrierId, { at: now(), notice });
    notice.catch(() => {
      if (memo.get(carrierId)?.notice === notice) memo.delete(carrierId);
    });
    return notice;
  };
}
