import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { signInThrottleSchema } from './sign-in-throttle-schema.js';

// Ended windows are deleted at most this often per process (FerretDB has no TTL monitor).
const SWEEP_EVERY_MS = 60_000;
// Counting stops here: a subject this far over any limit is refused anyway, and a flood costs no more.
const COUNT_LIMIT = 1000;

/** Fixed-window failure counters keyed by subject (`account:<email>`, `ip:<address>`), shared by all processes. */
export function createSignInThrottleRepository(connection: Connection, windowMs: number) {
  const Failures = modelFor(connection, 'AdminSignInFailure', signInThrottleSchema);
  const windowOf = (at: Date) => new Date(Math.floor(at.getTime() / windowMs) * windowMs);
  let lastSweep = 0;

  return {
    /** Failures counted for each subject in the window holding `at`, and when that window ends. */
    async failures(subjects: string[], at: Date): Promise<{ counts: Map<string, number>; windowEndsAt: Date }> {
      const windowStart = windowOf(at);
      // One equality count per subject: FerretDB serves equality (not `$in`) from its index.
      const counts = await Promise.all(subjects.map((subject) => Failures.collection.countDocuments({ subject, windowStart }, { limit: COUNT_LIMIT })));
      return { counts: new Map(subjects.map((s, i) => [s, counts[i]!])), windowEndsAt: new Date(windowStart.getTime() + windowMs) };
    },

    /** Records one failure for each subject in the current window. */
    async recordFailure(subjects: string[], at: Date): Promise<void> {
      const windowStart = windowOf(at);
      const expiresAt = new Date(windowStart.getTime() + windowMs);
      await Failures.collection.insertMany(subjects.map((subject) => ({ subject, windowStart, expiresAt })), { ordered: false });
      if (at.getTime() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = at.getTime();
        await Failures.collection.deleteMany({ expiresAt: { $lte: at } });
      }
    },

    /** Clears an account's current window after a successful sign-in (the IP's count stays). */
    async clear(subject: string, at: Date): Promise<void> {
      await Failures.collection.deleteMany({ subject, windowStart: windowOf(at) });
    },
  };
}

export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;
