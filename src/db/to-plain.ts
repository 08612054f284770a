import { Types } from 'mongoose';

/**
 * Turns a lean mongoose document into plain JSON-friendly data: ObjectIds become strings, Dates become
 * ISO strings, `_id`/`__v` are dropped. Repositories return only such plain objects.
 */
export function toPlain<T>(doc: unknown): T | null {
  if (doc === null || doc === undefined) return null;
  return convert(doc, true) as T;
}

function convert(value: unknown, top = false): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map((v) => convert(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '__v' || (key === '_id' && top)) continue;
      if (v === null || v === undefined) continue;
      out[key] = convert(v);
    }
    return out;
  }
  return value;
}
