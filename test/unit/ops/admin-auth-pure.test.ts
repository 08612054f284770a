import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/services/admin-auth/password.js';
import { ADMIN_ACTIONS, can, keyAllows } from '../../../src/services/admin-auth/roles.js';
import { csrfTokenMatches } from '../../../src/services/admin-auth/sessions.js';
import { safeEqual } from '../../../src/services/admin-auth/secrets.js';

describe('argon2 password hashing', () => {
  it('hashes with argon2id and a fresh salt, verifies the right password only', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(a, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    expect(await verifyPassword(a, 'x'.repeat(1000))).toBe(false);
  });
});

describe('can(role, action)', () => {
  const table = {
    viewer: { read: true, 'shipments:act': false, 'users:manage': false, 'keys:manage': false },
    operator: { read: true, 'shipments:act': true, 'users:manage': false, 'keys:manage': false },
    admin: { read: true, 'shipments:act': true, 'users:manage': true, 'keys:manage': true },
  } as const;
  for (const [role, row] of Object.entries(table)) {
    for (const action of ADMIN_ACTIONS) {
      it(`${role} ${row[action] ? 'may' : 'may not'} ${action}`, () => {
        expect(can(role as keyof typeof table, action)).toBe(row[action]);
      });
    }
  }
  it('an unknown role may do nothing', () => {
    expect(can('root' as never, 'read')).toBe(false);
  });
  it('key scopes: storefront reads no admin data, admin:write acts but manages nobody', () => {
    expect(keyAllows(['storefront'], 'read')).toBe(false);
    expect(keyAllows(['admin:read'], 'read')).toBe(true);
    expect(keyAllows(['admin:read'], 'shipments:act')).toBe(false);
    expect(keyAllows(['admin:write'], 'shipments:act')).toBe(true);
    expect(keyAllows(['admin:read', 'admin:write'], 'users:manage')).toBe(false);
  });
});

describe('CSRF synchronizer token', () => {
  const session = { csrfToken: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr' };
  it('accepts exactly the session token', () => {
    expect(csrfTokenMatches(session, session.csrfToken)).toBe(true);
  });
  it('refuses a missing, empty, shorter, longer or different token', () => {
    expect(csrfTokenMatches(session, undefined)).toBe(false);
    expect(csrfTokenMatches(session, null)).toBe(false);
    expect(csrfTokenMatches(session, '')).toBe(false);
    expect(csrfTokenMatches(session, session.csrfToken.slice(0, -1))).toBe(false);
    expect(csrfTokenMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(csrfTokenMatches(session, session.csrfToken.replace('Z', 'Y'))).toBe(false);
  });
  it('safeEqual compares strings of different lengths without throwing', () => {
    expect(safeEqual('a', 'a')).toBe(true);
    expect(safeEqual('a', 'ab')).toBe(false);
  });
});
