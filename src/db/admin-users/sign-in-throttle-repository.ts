import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { signInThrottleSchema } from './sign-in-throttle-schema.js';

/** Fixed-window failure counters keyed by subject (`account:<email>`, `ip:<address>`). */
export function createSignInThrottleRepository(connection: Connection, windowMs: number) {
  const Counters = modelFor(connection, 'AdminSignInFailure', signInThrottleSchema);
  const windowOf = (at: Date) => new Date(Math.floor(at.getTime() / windowMs) * windowMs);
  const keyOf = (subject: string, start: Date) => `${subject}|${start.toISOString()}`;
  return {
    /** Failures counted for each subject in the window holding `at`, and when that window ends. */
    async failures(subjects: string[], at: Date): Promise<{ counts: Map<string, number>; windowEndsAt: Date }> {
      const start = windowOf(at);
      // One equality look-up per subject rather than `$in`: FerretDB serves equality from its index only.
      const docs = await Promise.all(subjects.map((s) => Counters.findById(keyOf(s, start)).lean()));
      const counts = new Map(subjects.map((s, i) => [s, docs[i]?.failures ?? 0]));
      return { counts, windowEndsAt: new Date(start.getTime() + windowMs) };
    },

    /** Adds one failure to each subject's current window (atomic upsert: concurrent processes add up). */
    async recordFailure(subjects: string[], at: Date): Promise<void> {
      const start = windowOf(at);
      const expiresAt = new Date(start.getTime() + windowMs);
      await Counters.bulkWrite(
        subjects.map((subject) => ({
          updateOne: {
            filter: { _id: keyOf(subject, start) },
            update: { $inc: { failures: 1 }, $setOnInsert: { subject, windowStart: start, expiresAt } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },

    /** Clears an account's current window after a successful sign-in (the IP's count stays). */
    async clear(subject: string, at: Date): Promise<void> {
      await Counters.deleteOne({ _id: keyOf(subject, windowOf(at)) });
    },
  };
}

export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;
