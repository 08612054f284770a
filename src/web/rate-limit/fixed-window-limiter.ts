import type { RateLimitStore } from '../tracking-page-queries.js';

export interface LimitRule {
  /** Prefix of the counter key (`lookup-ip`, `lookup-order`). */
  name: string;
  windowMs: number;
  max: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window limits over a shared store: each rule counts one hit per call for its key and refuses
 * once any count passes its maximum. The store (MongoDB) is shared, so several API processes enforce
 * one budget together.
 */
export async function checkLimits(store: RateLimitStore, hits: { rule: LimitRule; key: string }[], now: number): Promise<LimitDecision> {
  const results = await Promise.all(hits.map(({ rule, key }) => store.hit(`${rule.name}:${key}`, rule.windowMs, now).then((r) => ({ rule, ...r }))));
  const over = results.filter((r) => r.count > r.rule.max);
  if (over.length === 0) return { allowed: true };
  const resetAt = Math.max(...over.map((r) => r.resetAt));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}
