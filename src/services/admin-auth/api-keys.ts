import { randomBytes } from 'node:crypto';
import type { ApiKeyRecord, ApiKeyRepository } from '../../db/api-keys/repository.js';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../db/api-keys/schema.js';
import { randomToken, safeEqual, sha256Hex } from './secrets.js';

/** `otk_live_<keyId>_<secret>`: the prefix says what it is (secret scanners match it), keyId names it. */
const KEY_PATTERN = /^otk_live_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Who a presented key turned out to be. `label` is safe to log (never the secret). */
export type VerifiedApiKey =
  | { kind: 'stored'; keyId: string; label: string; scopes: ApiKeyScope[] }
  | { kind: 'bootstrap'; label: string; scopes: ApiKeyScope[] };

/** The environment's bootstrap keys (`STOREFRONT_API_KEYS`, `ADMIN_API_KEYS`), passed in by the caller. */
export interface BootstrapKeys {
  storefront: readonly string[];
  admin: readonly string[];
}

export class ApiKeyInputError extends Error {
  constructor(readonly code: 'INVALID_SCOPE' | 'INVALID_NAME', message: string) {
    super(message);
    this.name = 'ApiKeyInputError';
  }
}

export interface ApiKeyServiceDeps {
  keys: ApiKeyRepository;
  bootstrap: BootstrapKeys;
  now?: () => Date;
  /** How often `lastUsedAt` is written for a busy key (default one minute). */
  lastUsedResolutionMs?: number;
}

export function createApiKeyService(deps: ApiKeyServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const resolution = deps.lastUsedResolutionMs ?? 60_000;
  // Bootstrap secrets are hashed once, so each request compares fixed-length digests.
  const bootstrap = [
    ...deps.bootstrap.storefront.map((k, i) => ({ hash: sha256Hex(k), label: `env:STOREFRONT_API_KEYS[${i}]`, scopes: ['storefront'] as ApiKeyScope[] })),
    ...deps.bootstrap.admin.map((k, i) => ({ hash: sha256Hex(k), label: `env:ADMIN_API_KEYS[${i}]`, scopes: ['admin:read', 'admin:write'] as ApiKeyScope[] })),
  ];

  return {
    /** Creates a key; the full key is returned once and cannot be recovered later. */
    async create(input: { name: string; scopes: string[]; createdBy?: string }): Promise<{ key: string; record: ApiKeyRecord }> {
      const name = input.name.trim();
      if (name.length === 0 || name.length > 100) throw new ApiKeyInputError('INVALID_NAME', 'a key needs a name of 1 to 100 characters');
      const bad = input.scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
      if (input.scopes.length === 0 || bad.length > 0) {
        throw new ApiKeyInputError('INVALID_SCOPE', `scopes must be some of ${API_KEY_SCOPES.join(', ')}${bad.length ? `; unknown: ${bad.join(', ')}` : ''}`);
      }
      const keyId = randomBytes(8).toString('hex');
      const secret = randomToken();
      const record = await deps.keys.insert({
        keyId,
        name,
        scopes: [...new Set(input.scopes)] as ApiKeyScope[],
        secretHash: sha256Hex(secret),
        createdAt: now(),
        ...(input.createdBy ? { createdBy: input.createdBy } : {}),
      });
      return { key: `otk_live_${keyId}_${secret}`, record };
    },

    /** The key's identity and scopes, or null for anything unknown, malformed or revoked. */
    async verifyApiKey(presented: string | undefined | null): Promise<VerifiedApiKey | null> {
      if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200) return null;
      const match = KEY_PATTERN.exec(presented);
      if (match) {
        const found = await deps.keys.findForVerify(match[1]!);
        if (!found || found.key.revokedAt || !safeEqual(found.secretHash, sha256Hex(match[2]!))) return null;
        await deps.keys.markUsed(found.key.keyId, now(), resolution);
        return { kind: 'stored', keyId: found.key.keyId, label: `otk_live_${found.key.keyId}`, scopes: found.key.scopes };
      }
      const digest = sha256Hex(presented);
      // Every bootstrap key is compared, so the time does not say which one (or whether any) matched.
      let hit: (typeof bootstrap)[number] | undefined;
      for (const candidate of bootstrap) if (safeEqual(candidate.hash, digest)) hit ??= candidate;
      return hit ? { kind: 'bootstrap', label: hit.label, scopes: hit.scopes } : null;
    },

    revoke(keyId: string, by?: string): Promise<ApiKeyRecord | null> {
      return deps.keys.revoke(keyId, by, now());
    },

    list(): Promise<ApiKeyRecord[]> {
      return deps.keys.list();
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
