import type { Connection } from 'mongoose';
import { isoWeekKey } from '../../domain/iso-week.js';
import { parseInstant } from '../../domain/instant.js';
import { monthOfDay, type Bucket } from './contribution.js';
import { createFoldLease } from './fold-lease.js';
import { groupPeriodRows, type PeriodLevel } from './period-rows.js';
import { createReportRollupRepository } from './repository.js';
import { mapWithConcurrency } from '../../util/map-with-concurrency.js';

/** Marks read per batch; a round folds batches until the marks run out (or `maxBatches`). */
const MARKS_PER_BATCH = 2_000;
/** Buckets re-folded at once: each is one read of its contributions and one row insert. */
const PARALLEL_FOLDS = 4;

export interface FoldResult {
  marks: number;
  buckets: number;
  /** Derived (day, week, month) rows written. */
  periodRows: number;
}

/**
 * Folds the report rollup off the write path: reads dirty marks, re-folds each marked bucket from all its
 * contributions into `report_daily`, re-derives the day, week and month rows of the days touched
 * (`report_periods`), and only then deletes the marks it read, so a crash at any step leaves them for the
 * next round. Every step is idempotent (a fold of the same contributions is the same row, an equal `n` is
 * not written twice) and safe beside another folder: rows are insert-only and the highest `n` wins.
 */
export function createReportFolder(connection: Connection, options: { owner: string; slotMs?: number; clock?: () => number; marksPerBatch?: number }) {
  const rollup = createReportRollupRepository(connection);
  const lease = createFoldLease(connection, { owner: options.owner, slotMs: options.slotMs ?? 30_000, ...(options.clock ? { clock: options.clock } : {}) });
  const perBatch = options.marksPerBatch ?? MARKS_PER_BATCH;

  /** Re-derives the day, week and month rows of these days from their newest lane-day rows (one read per span). */
  async function derive(days: Iterable<string>): Promise<number> {
    const spans = new Map<string, { level: PeriodLevel; field: 'day' | 'w' | 'm'; key: string }>();
    for (const day of days) {
      spans.set(`d${day}`, { level: 'd', field: 'day', key: day });
      const week = isoWeekKey(parseInstant(day));
      spans.set(`w${week}`, { level: 'w', field: 'w', key: week });
      spans.set(`m${monthOfDay(day)}`, { level: 'm', field: 'm', key: monthOfDay(day) });
    }
    const written = await mapWithConcurrency([...spans.values()], PARALLEL_FOLDS, async (s) =>
      rollup.periods.store(s.level, s.key, groupPeriodRows(s.level, s.key, await rollup.daily.newest(s.field, s.key))),
    );
    return written.reduce((sum, n) => sum + n, 0);
  }

  /** One batch of marks folded; `marks: 0` when none was left. */
  async function foldBatch(): Promise<FoldResult> {
    const { ids, buckets } = await rollup.dirtyMarks(perBatch);
    if (!ids.length) return { marks: 0, buckets: 0, periodRows: 0 };
    await mapWithConcurrency(buckets, PARALLEL_FOLDS, (b: Bucket) => rollup.daily.refold(b));
    const periodRows = await derive(new Set(buckets.map((b) => b.day)));
    await rollup.clearMarks(ids);
    return { marks: ids.length, buckets: buckets.length, periodRows };
  }

  /** Folds every dirty bucket now, lease or not (tests, a repair). */
  async function foldDirty(maxBatches = Infinity): Promise<FoldResult> {
      const total: FoldResult = { marks: 0, buckets: 0, periodRows: 0 };
      for (let i = 0; i < maxBatches; i++) {
        const r = await foldBatch();
        total.marks += r.marks;
        total.buckets += r.buckets;
        total.periodRows += r.periodRows;
        if (r.marks < perBatch) break;
      }
      return total;
  }

  return {
    derive,
    foldDirty,

    /** A background round: folds what is dirty if this process holds the fold lease, else nothing. */
    async round(maxBatches = 10): Promise<FoldResult | undefined> {
      if (!(await lease.holds())) return undefined;
      return foldDirty(maxBatches);
    },
  };
}

export type ReportFolder = ReturnType<typeof createReportFolder>;
