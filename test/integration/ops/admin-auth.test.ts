import { describe, expect, it } from 'vitest';
import { connectMongo } from '../../../src/db/connection.js';
import { createAdminSessionRepository } from '../../../src/db/admin-sessions/repository.js';
import { createAdminUserRepository } from '../../../src/db/admin-users/repository.js';
import { createSignInThrottleRepository } from '../../../src/db/admin-users/sign-in-throttle-repository.js';
import { createLogger } from '../../../src/observability/logger.js';
import { bootstrapAdminFromEnv, createAdminUser } from '../../../src/services/admin-auth/admin-users.js';
import { createSessionService } from '../../../src/services/admin-auth/sessions.js';
import { createSignInService, type SignInLimits } from '../../../src/services/admin-auth/sign-in.js';
import { sha256Hex } from '../../../src/services/admin-auth/secrets.js';
import { mongoUriFor, startTestMongo, uniqueName } from '../../support/servers.js';
import { useTestConnection } from '../../support/test-connection.js';

const db = useTestConnection('ops-auth');
const PASSWORD = 'a long enough passphrase';

/** A clock the test moves by hand. */
function clock(start = '2026-12-01T10:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function setUp(limits: SignInLimits = { windowMs: 15 * 60_000, perAccount: 3, perIp: 5 }) {
  const time = clock();
  const lines: string[] = [];
  const logger = createLogger('debug', {}, (line) => lines.push(line));
  const users = createAdminUserRepository(db());
  const sessionRepo = createAdminSessionRepository(db());
  const sessions = createSessionService({ sessions: sessionRepo, users, now: time.now, policy: { idleMs: 30 * 60_000, absoluteMs: 2 * 3_600_000 } });
  const throttle = createSignInThrottleRepository(db(), limits.windowMs);
  const signIn = createSignInService({ users, throttle, sessions, logger, limits, now: time.now });
  return { time, lines, users, sessionRepo, sessions, signIn };
}

describe('admin sign-in (real MongoDB wire server)', () => {
  it('signs in with the right password; unknown e-mail and wrong password answer alike and are logged without the password', async () => {
    const s = setUp();
    const email = `${uniqueName('ops')}@example.com`;
    await createAdminUser(s.users, { email: email.toUpperCase(), role: 'operator', password: PASSWORD });
    const ok = await s.signIn.signIn({ email, password: PASSWORD, ip: '10.0.0.1' });
    expect(ok).toMatchObject({ ok: true, user: { email, role: 'operator' } });
    const wrong = await s.signIn.signIn({ email, password: 'not the passphrase', ip: '10.0.0.1' });
    const unknown = await s.signIn.signIn({ email: `nobody-${email}`, password: PASSWORD, ip: '10.0.0.1' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(unknown).toEqual(wrong);
    const log = s.lines.join('\n');
    expect(log).toContain('admin sign-in failed');
    expect(log).not.toContain('not the passphrase');
    expect(log).not.toContain(PASSWORD);
  });

  it('locks an account after too many failures in its window, even for the right password, and opens again in the next window', async () => {
    const s = setUp();
    const email = `${uniqueName('lock')}@example.com`;
    await createAdminUser(s.users, { email, role: 'admin', password: PASSWORD });
    for (let i = 0; i < 3; i++) expect(await s.signIn.signIn({ email, password: `wrong ${i}`, ip: `10.0.1.${i}` })).toMatchObject({ reason: 'invalid_credentials' });
    const locked = await s.signIn.signIn({ email, password: PASSWORD, ip: '10.0.1.9' });
    expect(locked).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(locked.ok === false && locked.reason === 'rate_limited' && locked.retryAfterSeconds).toBeGreaterThan(0);
    s.time.advance(15 * 60_000);
    expect(await s.signIn.signIn({ email, password: PASSWORD, ip: '10.0.1.9' })).toMatchObject({ ok: true });
  });

  it('limits failures per client IP across accounts, and the counters are shared by a second service instance', async () => {
    const s = setUp();
    const other = setUp();
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const email = `${uniqueName('ip')}@example.com`;
    await createAdminUser(s.users, { email, role: 'viewer', password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      const service = i % 2 ? other.signIn : s.signIn;
      await service.signIn({ email: `guess${i}-${email}`, password: 'guess', ip });
    }
    expect(await s.signIn.signIn({ email, password: PASSWORD, ip })).toMatchObject({ reason: 'rate_limited' });
    expect(await s.signIn.signIn({ email, password: PASSWORD, ip: '10.8.0.1' })).toMatchObject({ ok: true });
  });

  it('concurrent failures from two processes are all counted (no lost updates)', async () => {
    const limits = { windowMs: 15 * 60_000, perAccount: 12, perIp: 1000 };
    const a = setUp(limits);
    const b = setUp(limits);
    const email = `${uniqueName('race')}@example.com`;
    await createAdminUser(a.users, { email, role: 'viewer', password: PASSWORD });
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).signIn.signIn({ email, password: `guess ${i}`, ip: `10.7.0.${i}` })));
    expect(await a.signIn.signIn({ email, password: PASSWORD, ip: '10.7.1.1' })).toMatchObject({ reason: 'rate_limited' });
  });

  it('a disabled user cannot sign in', async () => {
    const s = setUp();
    const email = `${uniqueName('off')}@example.com`;
    const user = await createAdminUser(s.users, { email, role: 'admin', password: PASSWORD });
    await s.users.update(user.id, { disabled: true });
    expect(await s.signIn.signIn({ email, password: PASSWORD, ip: '10.0.2.1' })).toEqual({ ok: false, reason: 'invalid_credentials' });
  });
});

describe('admin sessions (real MongoDB wire server)', () => {
  it('stores only the hash of the id; sign-in issues a new id and revokes the one the browser came with (fixation)', async () => {
    const s = setUp();
    const email = `${uniqueName('fix')}@example.com`;
    await createAdminUser(s.users, { email, role: 'admin', password: PASSWORD });
    const first = await s.signIn.signIn({ email, password: PASSWORD, ip: '10.0.3.1' });
    if (!first.ok) throw new Error('sign-in failed');
    expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await s.sessionRepo.find(first.sessionId)).toBeNull();
    expect(await s.sessionRepo.find(sha256Hex(first.sessionId))).toMatchObject({ csrfToken: first.csrfToken });

    const second = await s.signIn.signIn({ email, password: PASSWORD, ip: '10.0.3.1', previousSessionId: first.sessionId });
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect(await s.sessions.resolve(first.sessionId)).toBeNull();
    expect(await s.sessions.resolve(second.sessionId)).toMatchObject({ user: { email }, csrfToken: second.csrfToken });
  });

  it('expires after the idle time without use, slides with use, and ends at the absolute limit; revoke ends it at once', async () => {
    const s = setUp();
    const user = await createAdminUser(s.users, { email: `${uniqueName('exp')}@example.com`, role: 'viewer', password: PASSWORD });
    const idle = await s.sessions.start(user.id);
    s.time.advance(30 * 60_000);
    expect(await s.sessions.resolve(idle.sessionId)).toBeNull();

    const used = await s.sessions.start(user.id);
    for (let i = 0; i < 4; i++) {
      s.time.advance(25 * 60_000);
      expect(await s.sessions.resolve(used.sessionId)).not.toBeNull();
    }
    s.time.advance(25 * 60_000); // 125 minutes after the start: past the 2-hour absolute limit
    expect(await s.sessions.resolve(used.sessionId)).toBeNull();

    const revoked = await s.sessions.start(user.id);
    expect(await s.sessions.revoke(revoked.sessionId)).toBe(true);
    expect(await s.sessions.resolve(revoked.sessionId)).toBeNull();
    expect(await s.sessions.resolve('made-up')).toBeNull();

    // Past the absolute expiry the documents themselves go (no TTL monitor on FerretDB).
    s.time.advance(3 * 3_600_000);
    // (The third start already swept the first two: sign-ins sweep once a minute.)
    expect(await s.sessionRepo.find(sha256Hex(used.sessionId))).toBeNull();
    expect(await s.sessionRepo.find(sha256Hex(revoked.sessionId))).not.toBeNull();
    expect(await s.sessions.sweepExpired()).toBeGreaterThanOrEqual(1);
    expect(await s.sessionRepo.find(sha256Hex(revoked.sessionId))).toBeNull();
  });

  it('a disabled user loses their live sessions; revokeAllOf ends them all', async () => {
    const s = setUp();
    const user = await createAdminUser(s.users, { email: `${uniqueName('all')}@example.com`, role: 'viewer', password: PASSWORD });
    const a = await s.sessions.start(user.id);
    const b = await s.sessions.start(user.id);
    await s.users.update(user.id, { disabled: true });
    expect(await s.sessions.resolve(a.sessionId)).toBeNull();
    await s.users.update(user.id, { disabled: false });
    expect(await s.sessions.revokeAllOf(user.id)).toBe(2);
    expect(await s.sessions.resolve(b.sessionId)).toBeNull();
  });
});

describe('first admin', () => {
  it('ADMIN_BOOTSTRAP_USER creates an admin only while there is no user, and bad input is refused', async () => {
    const s = setUp();
    // A database of its own: bootstrapping depends on there being no user at all.
    const own = await connectMongo(mongoUriFor((await startTestMongo()).uri, uniqueName('ops-boot')));
    try {
      const users = createAdminUserRepository(own);
      expect(await bootstrapAdminFromEnv(users, undefined)).toBeNull();
      const made = await bootstrapAdminFromEnv(users, `root@example.com:${PASSWORD}`);
      expect(made).toMatchObject({ email: 'root@example.com', role: 'admin' });
      expect(await bootstrapAdminFromEnv(users, `other@example.com:${PASSWORD}`)).toBeNull();
      await expect(createAdminUser(s.users, { email: 'x@example.com', role: 'admin', password: 'short' })).rejects.toThrow(/at least 12/);
      await expect(createAdminUser(s.users, { email: 'not-an-email', role: 'admin', password: PASSWORD })).rejects.toThrow(/e-mail/);
      await expect(createAdminUser(s.users, { email: 'y@example.com', role: 'root', password: PASSWORD })).rejects.toThrow(/role/);
    } finally {
      await own.close();
    }
  });
});
