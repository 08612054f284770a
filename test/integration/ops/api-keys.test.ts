import { describe, expect, it } from 'vitest';
import { createApiKeyRepository } from '../../../src/db/api-keys/repository.js';
import { createApiKeyService } from '../../../src/services/admin-auth/api-keys.js';
import { keyAllows } from '../../../src/services/admin-auth/roles.js';
import { useTestConnection } from '../../support/test-connection.js';

const db = useTestConnection('ops-keys');
const bootstrap = { storefront: ['sk_boot_storefront_0123456789'], admin: ['ak_boot_admin_0123456789'] };

function setUp() {
  let t = new Date('2026-12-01T10:00:00Z').getTime();
  const service = createApiKeyService({ keys: createApiKeyRepository(db()), bootstrap, now: () => new Date(t), lastUsedResolutionMs: 60_000 });
  return { service, advance: (ms: number) => (t += ms) };
}

describe('machine keys (real MongoDB wire server)', () => {
  it('creates a prefixed key, stores only its hash, verifies it with its scopes and records last use', async () => {
    const { service, advance } = setUp();
    const { key, record } = await service.create({ name: 'shop', scopes: ['storefront'], createdBy: 'u1' });
    expect(key).toMatch(/^otk_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key).toContain(record.keyId);
    const raw = await db().collection('api_keys').findOne({ keyId: record.keyId });
    expect(JSON.stringify(raw)).not.toContain(key.split('_').pop());
    const verified = await service.verifyApiKey(key);
    expect(verified).toEqual({ kind: 'stored', keyId: record.keyId, label: `otk_live_${record.keyId}`, scopes: ['storefront'] });
    expect(keyAllows(verified!.scopes, 'read')).toBe(false);
    const listed = (await service.list()).find((k) => k.keyId === record.keyId);
    expect(listed?.lastUsedAt).toBe('2026-12-01T10:00:00.000Z');
    advance(30_000);
    await service.verifyApiKey(key);
    expect((await service.list()).find((k) => k.keyId === record.keyId)?.lastUsedAt).toBe('2026-12-01T10:00:00.000Z');
    advance(40_000);
    await service.verifyApiKey(key);
    expect((await service.list()).find((k) => k.keyId === record.keyId)?.lastUsedAt).toBe('2026-12-01T10:01:10.000Z');
  });

  it('refuses a changed secret, an unknown id, a malformed key, and a revoked key', async () => {
    const { service } = setUp();
    const { key, record } = await service.create({ name: 'ops', scopes: ['admin:read', 'admin:write'] });
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(await service.verifyApiKey(key.slice(0, -1) + last)).toBeNull();
    expect(await service.verifyApiKey(key.replace(record.keyId, '0000000000000000'))).toBeNull();
    expect(await service.verifyApiKey('otk_live_nope')).toBeNull();
    expect(await service.verifyApiKey('')).toBeNull();
    expect(await service.verifyApiKey(undefined)).toBeNull();
    expect(await service.verifyApiKey(key)).toMatchObject({ scopes: ['admin:read', 'admin:write'] });
    expect(await service.revoke(record.keyId, 'u2')).toMatchObject({ keyId: record.keyId, revokedBy: 'u2' });
    expect(await service.revoke(record.keyId, 'u2')).toBeNull();
    expect(await service.verifyApiKey(key)).toBeNull();
  });

  it('accepts the bootstrap keys from the environment with their scopes, labelled without the secret', async () => {
    const { service } = setUp();
    expect(await service.verifyApiKey(bootstrap.storefront[0])).toEqual({ kind: 'bootstrap', label: 'env:STOREFRONT_API_KEYS[0]', scopes: ['storefront'] });
    expect(await service.verifyApiKey(bootstrap.admin[0])).toEqual({ kind: 'bootstrap', label: 'env:ADMIN_API_KEYS[0]', scopes: ['admin:read', 'admin:write'] });
    expect(await service.verifyApiKey('sk_boot_storefront_012345678')).toBeNull();
  });

  it('refuses unknown scopes and empty names', async () => {
    const { service } = setUp();
    await expect(service.create({ name: 'x', scopes: ['root'] })).rejects.toMatchObject({ code: 'INVALID_SCOPE' });
    await expect(service.create({ name: 'x', scopes: [] })).rejects.toMatchObject({ code: 'INVALID_SCOPE' });
    await expect(service.create({ name: '  ', scopes: ['storefront'] })).rejects.toMatchObject({ code: 'INVALID_NAME' });
  });
});
