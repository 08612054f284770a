import { Types, type Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { auditLogSchema, type AuditSource } from './schema.js';

export { AUDIT_SOURCES, type AuditSource } from './schema.js';

/** Who did something: a signed-in person, a machine key, or the system itself. */
export type AuditActor =
  | { kind: 'user'; userId: string; email: string }
  | { kind: 'key'; keyId: string; label: string }
  | { kind: 'system' };

/** One audited action as it is written. */
export interface NewAuditEntry {
  at: Date;
  actor: AuditActor;
  action: string;
  source: AuditSource;
  orderCode?: string;
  /** What the action was done to, when not an order: a user id, a key id, a webhook id. */
  target?: string;
  /** Plain JSON about the action; never a secret (passwords and key secrets are not audited). */
  details?: Record<string, unknown>;
}

/** One audited action as it is read back. */
export interface AuditEntry extends Omit<NewAuditEntry, 'at' | 'details'> {
  id: string;
  at: string;
  details: Record<string, unknown>;
}

/** Search filters, all optional; `actor` is a reference (`user:<id>`, `key:<keyId>`, `system`) or an e-mail/label. */
export interface AuditSearch {
  orderCode?: string;
  actor?: string;
  source?: AuditSource;
  from?: Date;
  to?: Date;
  /** The `nextBefore` of the previous page. */
  before?: string;
  limit: number;
}

/** A page of entries, newest first, and the cursor of the next page when there is one. */
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore?: string;
}

/** The keys an actor is found by. */
export function actorKeys(actor: AuditActor): string[] {
  if (actor.kind === 'user') return [`user:${actor.userId}`, actor.email.toLowerCase()];
  if (actor.kind === 'key') return [`key:${actor.keyId}`, actor.label];
  return ['system'];
}

interface AuditDoc {
  _id: Types.ObjectId;
  at: Date;
  actor: Record<string, string>;
  action: string;
  source: AuditSource;
  orderCode?: string;
  target?: string;
  details?: Record<string, unknown>;
}

function toActor(stored: Record<string, string>): AuditActor {
  if (stored.kind === 'user') return { kind: 'user', userId: stored.userId!, email: stored.email! };
  if (stored.kind === 'key') return { kind: 'key', keyId: stored.keyId!, label: stored.label! };
  return { kind: 'system' };
}

function toEntry(doc: AuditDoc): AuditEntry {
  return {
    id: doc._id.toHexString(),
    at: doc.at.toISOString(),
    actor: toActor(doc.actor),
    action: doc.action,
    source: doc.source,
    ...(doc.orderCode ? { orderCode: doc.orderCode } : {}),
    ...(doc.target ? { target: doc.target } : {}),
    details: doc.details ?? {},
  };
}

/** `<at ms>.<id>`: the position of the last entry of a page. */
const cursorOf = (entry: AuditEntry) => `${Date.parse(entry.at)}.${entry.id}`;

function parseCursor(cursor: string): { at: Date; id: Types.ObjectId } | null {
  const [ms, id] = cursor.split('.');
  if (!ms || !id || !/^\d+$/.test(ms) || !Types.ObjectId.isValid(id)) return null;
  return { at: new Date(Number(ms)), id: new Types.ObjectId(id) };
}

/** Thrown for a `before` cursor this repository did not hand out. */
export class AuditCursorError extends Error {
  constructor() {
    super('not a cursor from an earlier page of the audit log');
    this.name = 'AuditCursorError';
  }
}

/** The audit log: append and search, nothing else (entries are never changed or deleted). */
export function createAuditLogRepository(connection: Connection) {
  const Audit = modelFor(connection, 'AuditLog', auditLogSchema);
  return {
    async append(entry: NewAuditEntry): Promise<AuditEntry> {
      const doc = await Audit.create({ ...entry, actorKeys: actorKeys(entry.actor), details: entry.details ?? {} });
      return toEntry(doc.toObject() as unknown as AuditDoc);
    },

    async search(query: AuditSearch): Promise<AuditPage> {
      const filter: Record<string, unknown> = {};
      if (query.orderCode) filter.orderCode = query.orderCode;
      if (query.actor) filter.actorKeys = query.actor.includes('@') ? query.actor.toLowerCase() : query.actor;
      if (query.source) filter.source = query.source;
      const at: Record<string, Date> = {};
      if (query.from) at.$gte = query.from;
      if (query.to) at.$lt = query.to;
      if (Object.keys(at).length > 0) filter.at = at;
      if (query.before) {
        const cursor = parseCursor(query.before);
        if (!cursor) throw new AuditCursorError();
        filter.$or = [{ at: { $lt: cursor.at } }, { at: cursor.at, _id: { $lt: cursor.id } }];
      }
      const docs = (await Audit.find(filter).sort({ at: -1, _id: -1 }).limit(query.limit + 1).lean()) as unknown as AuditDoc[];
      const entries = docs.slice(0, query.limit).map(toEntry);
      return docs.length > query.limit ? { entries, nextBefore: cursorOf(entries[entries.length - 1]!) } : { entries };
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
