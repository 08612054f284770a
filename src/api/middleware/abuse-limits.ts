import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Shared fixed-window counters (the rate-limit collection, so every API process counts the same hits). */
export interface HitCounter {
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

/** At most `limit` counted events per `windowMs`. */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

/**
 * Limits on what an abuser does, counted only when it happens, so good traffic costs nothing: failed
 * API-key checks per client address, and tracking look-ups that find nothing per key (a leaked key
 * enumerating numbers). Counts are shared through MongoDB; once a client or key is over its limit this
 * process also remembers it, and refuses without asking the database until the window ends.
 */
export function createAbuseLimits(deps: { counter: HitCounter; authFailures: LimitRule; trackingMisses: LimitRule; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const blockedUntil = new Map<string, number>();

  /** Seconds until `key` may try again, or 0. */
  function retryAfter(key: string): number {
    const until = blockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - now();
    if (left > 0) return Math.ceil(left / 1000);
    blockedUntil.delete(key);
    return 0;
  }

  async function count(key: string, rule: LimitRule): Promise<number> {
    const { count: hits, resetAt } = await deps.counter.hit(key, rule.windowMs, now());
    if (hits < rule.limit) return 0;
    // The hit that reaches the limit is still answered; the next ones are refused until the window ends.
    blockedUntil.set(key, resetAt);
    if (blockedUntil.size > 10_000) blockedUntil.delete(blockedUntil.keys().next().value!);
    return Math.max(1, Math.ceil((resetAt - now()) / 1000));
  }

  return {
    authBlocked: (client: string) => retryAfter(`auth:${client}`),
    authFailed: (client: string) => count(`auth:${client}`, deps.authFailures),
    trackingBlocked: (key: string) => retryAfter(`track:${keyId(key)}`),
    trackingMissed: (key: string) => count(`track:${keyId(key)}`, deps.trackingMisses),
  };
}

export type AbuseLimits = ReturnType<typeof createAbuseLimits>;

/** A key's counter name: a digest, so no key is ever stored or logged. */
export function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The client's address as the socket gives it ('unknown' for in-process requests in tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
