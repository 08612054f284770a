import { Schema } from 'mongoose';

/** What a machine key may do; checked by `keyAllows()` in src/services/admin-auth/roles.ts. */
export const API_KEY_SCOPES = ['storefront', 'admin:read', 'admin:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Machine keys. Only the SHA-256 of the secret part is stored; `keyId` (the public middle of
 * `otk_live_<keyId>_<secret>`) names the key in logs and lists without revealing it.
 */
export const apiKeySchema = new Schema(
  {
    keyId: { type: String, required: true },
    name: { type: String, required: true },
    scopes: { type: [String], enum: API_KEY_SCOPES, required: true },
    secretHash: { type: String, required: true },
    createdBy: String,
    createdAt: { type: Date, required: true },
    revokedAt: Date,
    revokedBy: String,
    lastUsedAt: Date,
  },
  { collection: 'api_keys', versionKey: false },
);
apiKeySchema.index({ keyId: 1 }, { unique: true });
