import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { rateLimitHitSchema } from './schema.js';

// Ended windows are deleted at most this often per process.
const SWEEP_EVERY_MS = 60_000;

/**
 * Fixed-window hit counters shared by all API processes (implements the web layer's RateLimitStore).
 * A hit is an insert, its count the documents of its window. Once a window is over `stopAt` hits its
 * later hits are not stored (they are refused anyway), so a flood costs counting, not growth.
 */
export function createRateLimitRepository(connection: Connection, options: { stopAt?: number } = {}) {
  const Hits = modelFor(connection, 'RateLimitHit', rateLimitHitSchema);
  const stopAt = options.stopAt ?? 1000;
  let lastSweep = 0;

  async function sweep(now: number): Promise<void> {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    await Hits.collection.deleteMany({ expiresAt: { $lte: new Date(now) } });
  }

  return {
    async hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
      const start = Math.floor(now / windowMs) * windowMs;
      const filter = { key, windowStart: new Date(start) };
      const before = await Hits.collection.countDocuments(filter, { limit: stopAt + 1 });
      let count = before + 1;
      if (before < stopAt) {
        await Hits.collection.insertOne({ ...filter, expiresAt: new Date(start + windowMs) });
        // Counted after the insert: concurrent hits in other processes are included, never this one twice.
        count = await Hits.collection.countDocuments(filter, { limit: stopAt + 1 });
      }
      void sweep(now).catch(() => undefined);
      return { count, resetAt: start + windowMs };
    },

    /** Deletes ended windows now (tests; `hit` does it once a minute by itself). */
    async sweepEnded(now: number): Promise<number> {
      const { deletedCount } = await Hits.collection.deleteMany({ expiresAt: { $lte: new Date(now) } });
      return deletedCount;
    },
  };
}

export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>;
