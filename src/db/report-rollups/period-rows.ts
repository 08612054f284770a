import type { Connection } from 'mongoose';
import { newestBy, type DailyRow } from './daily-rows.js';
import { insertNewestRows } from './newest-rows.js';
import { decodeTotals, encodeTotals } from './rollup-codec.js';
import { sumTotals, type RollupTotals } from './rollup-totals.js';

export const PERIODS = 'report_periods';

/** A row's time span: one UTC day, one ISO week (key: its Monday), one calendar month (key: `YYYY-MM`). */
export type PeriodLevel = 'd' | 'w' | 'm';
/** How finely a row splits its span: per lane (carrier and country), per carrier, or all orders together. */
export type PeriodScope = 'lane' | 'carrier' | 'all';

/** A span's totals at one scope: the merge of the newest lane-day rows it covers, `n` their summed contributions. */
export interface PeriodRow {
  level: PeriodLevel;
  key: string;
  scope: PeriodScope;
  /** `*` when the scope merges carriers. */
  carrierId: string;
  /** `*` when the scope merges countries. */
  country: string;
  n: number;
  totals: RollupTotals;
}

type Doc = Record<string, unknown>;
const unitOf = (level: PeriodLevel, key: string) => `${level}${key}`;
const groupOf = (r: Pick<PeriodRow, 'level' | 'key' | 'carrierId' | 'country'>) => `${unitOf(r.level, r.key)}|${r.carrierId}|${r.country}`;

/** A span's group before its totals are summed: the row's fields and `n`, and the lane-day totals it merges. */
export interface PeriodGroup extends Omit<PeriodRow, 'totals'> {
  parts: RollupTotals[];
}

/**
 * The groups of one span from its newest lane-day rows: per carrier and all together, and per lane for a
 * week or a month (a day's lane rows are `report_daily` itself). Totals add up across buckets (each order
 * is in exactly one), so a merge is exact. Grouped only: `store` sums just the groups newer than the stored
 * rows (a re-derivation of days that did not change sums nothing). Pure.
 */
export function groupPeriodRows(level: PeriodLevel, key: string, daily: DailyRow[]): PeriodGroup[] {
  const groups = new Map<string, PeriodGroup>();
  const add = (scope: PeriodScope, carrierId: string, country: string, from: DailyRow) => {
    const row = { level, key, scope, carrierId, country };
    const id = groupOf(row);
    const into = groups.get(id) ?? groups.set(id, { ...row, n: 0, parts: [] }).get(id)!;
    into.n += from.n;
    into.parts.push(from.totals);
  };
  for (const d of daily) {
    if (level !== 'd') add('lane', d.carrierId, d.country, d);
    add('carrier', d.carrierId, '*', d);
    add('all', '*', '*', d);
  }
  return [...groups.values()];
}

/**
 * `report_periods`: the coarser rows a long period reads instead of every lane-day row. Keyed `group#n`
 * and insert-only like the daily rows: the newest of a group is its highest n, and n only grows, because a
 * bucket's n only grows and a later read of a span's lane-day rows sees each bucket at least as new.
 */
export function createPeriodRows(connection: Connection) {
  const periods = () => connection.db!.collection<Doc>(PERIODS);

  return {
    /**
     * Stores a span's groups whose n is newer than the stored ones, each summed at once (one pass per
     * histogram, however many lane-day rows), and drops what they supersede; the rows written.
     */
    async store(level: PeriodLevel, key: string, groups: PeriodGroup[]): Promise<number> {
      const stored = await periods().find({ u: unitOf(level, key) }, { projection: { _id: 1, g: 1, n: 1 } }).toArray();
      const storedN = new Map<string, number>();
      for (const s of stored) storedN.set(s.g as string, Math.max(storedN.get(s.g as string) ?? -1, s.n as number));
      const fresh = groups.filter((g) => g.n > (storedN.get(groupOf(g)) ?? -1)).map(({ parts, ...row }): PeriodRow => ({ ...row, totals: sumTotals(parts) }));
      await insertNewestRows(
        periods(),
        { u: unitOf(level, key) },
        'g',
        stored,
        fresh.map((r) => ({ _id: `${groupOf(r)}#${r.n}`, g: groupOf(r), u: unitOf(level, key), p: `${unitOf(level, key)}/${r.scope}`, carrierId: r.carrierId, country: r.country, n: r.n, t: JSON.stringify(encodeTotals(r.totals)) })),
      );
      return fresh.length;
    },

    /** The newest rows of a span at a scope (one equality read), optionally of one carrier. */
    async read(level: PeriodLevel, key: string, scope: PeriodScope, carrierId?: string): Promise<PeriodRow[]> {
      const p = `${unitOf(level, key)}/${scope}`;
      const docs = await periods().find(carrierId ? { p, carrierId } : { p }, { projection: { _id: 0, g: 1, n: 1, t: 1, carrierId: 1, country: 1 } }).toArray();
      return newestBy(docs, 'g').map((d) => ({ level, key, scope, carrierId: d.carrierId as string, country: d.country as string, n: d.n as number, totals: decodeTotals(JSON.parse(d.t as string) as Doc) }));
    },
  };
}
