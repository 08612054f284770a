type Document = Record<string, unknown>;
/** The part of a driver collection this needs (mongoose's and the driver's both fit). */
interface FindableCollection {
  find(filter: Document, options: { projection: Document }): { toArray(): Promise<Document[]> };
}

/**
 * Reading "everything written since t" cheaply on every MongoDB-wire server we run on. FerretDB 1.x pushes
 * only equality filters down to PostgreSQL: a `writtenAt > t` range reads the whole collection (2 s for
 * 50,000 entries, measured), and the tracking-view caches ask it twice a second per API process. So each
 * entry also carries the whole second it was written in (`writtenSecond`, indexed), and a reader asks one
 * equality per second of its window (a handful), on mongod and FerretDB alike.
 */
export const WRITTEN_SECOND = 'writtenSecond';

/** The fields a writer stamps on an entry written at `at`. */
export function writtenStamp(at: Date): { writtenAt: Date; writtenSecond: number } {
  return { writtenAt: at, writtenSecond: Math.floor(at.getTime() / 1000) };
}

/**
 * The longest window (ms, from `since` to the reader's clock) read by second: about a hundred equality reads.
 * The one limit of the change feed (src/web/live/view-change-feed.ts) too, which after a longer gap reads
 * nothing: it clears its cache and has the open pages re-checked. A longer read by second would be one query
 * per second of the gap, and a range read scans the whole collection on FerretDB, so the reader refuses it.
 */
export const MAX_READ_GAP_MS = 100_000;
/** The reader reads its clock a moment after its caller decided on the gap by its own; this much is allowed for. */
const CALLER_CLOCK_ALLOWANCE_MS = 5_000;
/** Seconds read past the reader's clock: a writer whose clock runs a little ahead is still seen. */
const AHEAD_SECONDS = 2;

/**
 * Entries written after `since` (epoch ms, by `writtenAt`), up to the reader's `now` plus a little. Throws a
 * RangeError, reading nothing, when `since` is more than `MAX_READ_GAP_MS` (and the allowance) before `now`.
 */
export async function findWrittenSince(collection: FindableCollection, since: number, projection: Document, now = Date.now()): Promise<Document[]> {
  if (now - since > MAX_READ_GAP_MS + CALLER_CLOCK_ALLOWANCE_MS) {
    throw new RangeError(`findWrittenSince reads at most ${MAX_READ_GAP_MS} ms back, asked ${now - since} ms: skip the gap instead`);
  }
  const first = Math.floor(since / 1000);
  const last = Math.floor(now / 1000) + AHEAD_SECONDS;
  const withTime = { ...projection, writtenAt: 1 };
  const seconds = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const slots = await Promise.all(seconds.map((second) => collection.find({ [WRITTEN_SECOND]: second }, { projection: withTime }).toArray()));
  return slots.flat().filter((d) => (d.writtenAt as Date).getTime() > since);
}
