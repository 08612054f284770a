import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { adminSessionSchema } from './schema.js';

/** A stored session, keyed by the hash of its id (the id itself is never stored). */
export interface AdminSessionRecord {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt?: Date;
}

export function createAdminSessionRepository(connection: Connection) {
  const Sessions = modelFor(connection, 'AdminSession', adminSessionSchema);
  const toRecord = (doc: Record<string, unknown>): AdminSessionRecord => ({
    idHash: doc._id as string,
    userId: doc.userId as string,
    csrfToken: doc.csrfToken as string,
    createdAt: doc.createdAt as Date,
    lastSeenAt: doc.lastSeenAt as Date,
    idleExpiresAt: doc.idleExpiresAt as Date,
    absoluteExpiresAt: doc.absoluteExpiresAt as Date,
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt as Date } : {}),
  });
  return {
    async insert(record: Omit<AdminSessionRecord, 'revokedAt'> & { ip?: string; userAgent?: string }): Promise<void> {
      const { idHash, ...rest } = record;
      await Sessions.create({ _id: idHash, ...rest });
    },

    async find(idHash: string): Promise<AdminSessionRecord | null> {
      const doc = await Sessions.findById(idHash).lean();
      return doc ? toRecord(doc as unknown as Record<string, unknown>) : null;
    },

    /** Slides the idle expiry, never past the absolute one; only while the session is live. */
    async touch(idHash: string, at: Date, idleExpiresAt: Date): Promise<void> {
      await Sessions.updateOne({ _id: idHash, revokedAt: null }, { $set: { lastSeenAt: at, idleExpiresAt } });
    },

    async revoke(idHash: string, at: Date): Promise<boolean> {
      const result = await Sessions.updateOne({ _id: idHash, revokedAt: null }, { $set: { revokedAt: at } });
      return result.modifiedCount > 0;
    },

    /** Deletes sessions past their absolute expiry (the TTL index does it on mongod; FerretDB has none). */
    async deleteExpired(at: Date): Promise<number> {
      const result = await Sessions.deleteMany({ absoluteExpiresAt: { $lte: at } });
      return result.deletedCount;
    },

    /** Revokes every live session of a user (password change, user disabled). Returns how many. */
    async revokeAllOf(userId: string, at: Date): Promise<number> {
      const result = await Sessions.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
      return result.modifiedCount;
    },
  };
}

export type AdminSessionRepository = ReturnType<typeof createAdminSessionRepository>;
