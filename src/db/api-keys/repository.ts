import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { apiKeySchema, type ApiKeyScope } from './schema.js';

/** A stored key without its hash: what lists and audit entries show. */
export interface ApiKeyRecord {
  keyId: string;
  name: string;
  scopes: ApiKeyScope[];
  createdBy?: string;
  createdAt: string;
  revokedAt?: string;
  revokedBy?: string;
  lastUsedAt?: string;
}

function toRecord(doc: Record<string, unknown>): ApiKeyRecord {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : undefined);
  return {
    keyId: doc.keyId as string,
    name: doc.name as string,
    scopes: doc.scopes as ApiKeyScope[],
    createdAt: iso(doc.createdAt)!,
    ...(doc.createdBy ? { createdBy: doc.createdBy as string } : {}),
    ...(doc.revokedAt ? { revokedAt: iso(doc.revokedAt)! } : {}),
    ...(doc.revokedBy ? { revokedBy: doc.revokedBy as string } : {}),
    ...(doc.lastUsedAt ? { lastUsedAt: iso(doc.lastUsedAt)! } : {}),
  };
}

export function createApiKeyRepository(connection: Connection) {
  const Keys = modelFor(connection, 'ApiKey', apiKeySchema);
  return {
    async insert(input: { keyId: string; name: string; scopes: ApiKeyScope[]; secretHash: string; createdBy?: string; createdAt: Date }): Promise<ApiKeyRecord> {
      const doc = await Keys.create(input);
      return toRecord(doc.toObject() as unknown as Record<string, unknown>);
    },

    /** The key and its secret hash, for verification only. */
    async findForVerify(keyId: string): Promise<{ key: ApiKeyRecord; secretHash: string } | null> {
      const doc = (await Keys.findOne({ keyId }).lean()) as Record<string, unknown> | null;
      return doc ? { key: toRecord(doc), secretHash: doc.secretHash as string } : null;
    },

    async list(): Promise<ApiKeyRecord[]> {
      const docs = await Keys.find({}).sort({ createdAt: -1 }).limit(1000).lean();
      return docs.map((d) => toRecord(d as unknown as Record<string, unknown>));
    },

    async revoke(keyId: string, by: string | undefined, at: Date): Promise<ApiKeyRecord | null> {
      const doc = await Keys.findOneAndUpdate({ keyId, revokedAt: null }, { $set: { revokedAt: at, ...(by ? { revokedBy: by } : {}) } }, { returnDocument: 'after' }).lean();
      return doc ? toRecord(doc as unknown as Record<string, unknown>) : null;
    },

    /** Records use at most once per `coarseMs`, so a busy key does not write on every request. */
    async markUsed(keyId: string, at: Date, coarseMs: number): Promise<void> {
      await Keys.updateOne(
        { keyId, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(at.getTime() - coarseMs) } }] },
        { $set: { lastUsedAt: at } },
      );
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
