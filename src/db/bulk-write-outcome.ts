/**
 * How to read a failed unordered `insertMany`: which documents failed, and whether the error says so for
 * every document. The driver's bulk error lists failed documents by index in `writeErrors`; a server may
 * also answer with an error that names none (FerretDB on PostgreSQL reports a refused document with an
 * empty `writeErrors` list, and a write-concern error on a real MongoDB carries no per-document detail).
 * Then no document's outcome is known: treating the unnamed ones as written lost webhooks answered 202.
 */

/** One per-document failure as the driver reports it (the index and code sit at top level or under `err`). */
interface WriteErrorLike {
  index?: unknown;
  code?: unknown;
  err?: { index?: unknown; code?: unknown };
}

/** Server error codes of a unique-index violation. */
export const DUPLICATE_KEY = 11000;

export type BulkInsertReading =
  /** Every document not listed is written; each listed one failed with its code. */
  | { known: true; failures: Map<number, number | undefined> }
  /** The error does not say which documents were written: each must be tried on its own. */
  | { known: false };

/** Reads a bulk insert error of `count` documents (see the module comment for when it is not known). */
export function readBulkInsertError(err: unknown, count: number): BulkInsertReading {
  if (typeof err !== 'object' || err === null) return { known: false };
  const e = err as { writeErrors?: unknown; writeConcernError?: unknown; writeConcernErrors?: unknown; result?: unknown };
  // A write-concern failure means even the documents without a write error are not known to be durable.
  if (e.writeConcernError || hasItems(e.writeConcernErrors) || resultHasWriteConcernError(e.result)) return { known: false };
  const listed = Array.isArray(e.writeErrors) ? (e.writeErrors as WriteErrorLike[]) : [];
  if (listed.length === 0) return { known: false };
  const failures = new Map<number, number | undefined>();
  for (const w of listed) {
    const index = w.index ?? w.err?.index;
    const code = w.code ?? w.err?.code;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) return { known: false };
    failures.set(index, typeof code === 'number' ? code : undefined);
  }
  return { known: true, failures };
}

/** True for MongoDB's duplicate-key error (unique index violation) on a single write. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** The driver's BulkWriteResult reports write-concern errors through `getWriteConcernError()`. */
function resultHasWriteConcernError(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as { getWriteConcernError?: () => unknown; writeConcernErrors?: unknown };
  if (typeof r.getWriteConcernError === 'function') return Boolean(r.getWriteConcernError());
  return hasItems(r.writeConcernErrors);
}
