import type { AdminSessionRepository } from '../../db/admin-sessions/repository.js';
import type { AdminUser, AdminUserRepository } from '../../db/admin-users/repository.js';
import { randomToken, safeEqual, sha256Hex } from './secrets.js';

/** Session lifetimes: idle (slides on use) and absolute (from sign-in, never extended). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** 30 minutes idle, 12 hours absolute: a working day, and a forgotten tab locks itself soon. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** What a cookie resolves to: the signed-in person and the session's CSRF token. */
export interface ActiveSession {
  user: AdminUser;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionServiceDeps {
  sessions: AdminSessionRepository;
  users: AdminUserRepository;
  policy?: SessionPolicy;
  now?: () => Date;
}

/** Server-side sessions: the cookie carries a random 256-bit id, the database only its SHA-256. */
export function createSessionService(deps: SessionServiceDeps) {
  const policy = deps.policy ?? DEFAULT_SESSION_POLICY;
  const now = deps.now ?? (() => new Date());
  let lastSweep = 0;
  return {
    policy,

    /** Deletes sessions past their absolute expiry; `start` calls it at most once a minute by itself. */
    sweepExpired(): Promise<number> {
      lastSweep = now().getTime();
      return deps.sessions.deleteExpired(now());
    },

    /** Starts a session; the returned id goes into the cookie and is not kept anywhere. */
    async start(userId: string, client: { ip?: string; userAgent?: string } = {}): Promise<{ sessionId: string; csrfToken: string; expiresAt: Date }> {
      const at = now();
      const sessionId = randomToken();
      const csrfToken = randomToken();
      const absoluteExpiresAt = new Date(at.getTime() + policy.absoluteMs);
      const idleExpiresAt = new Date(Math.min(at.getTime() + policy.idleMs, absoluteExpiresAt.getTime()));
      await deps.sessions.insert({
        idHash: sha256Hex(sessionId),
        userId,
        csrfToken,
        createdAt: at,
        lastSeenAt: at,
        idleExpiresAt,
        absoluteExpiresAt,
        ...(client.ip ? { ip: client.ip } : {}),
        ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
      });
      // FerretDB has no TTL monitor: sign-ins clear out expired sessions, at most once a minute per process.
      if (at.getTime() - lastSweep >= 60_000) {
        lastSweep = at.getTime();
        await deps.sessions.deleteExpired(at);
      }
      return { sessionId, csrfToken, expiresAt: idleExpiresAt };
    },

    /**
     * The live session behind a cookie value, its idle expiry slid forward; null when unknown, revoked,
     * expired, or its user is gone or disabled.
     */
    async resolve(sessionId: string | undefined): Promise<ActiveSession | null> {
      if (!sessionId || sessionId.length > 100) return null;
      const idHash = sha256Hex(sessionId);
      const record = await deps.sessions.find(idHash);
      const at = now();
      if (!record || record.revokedAt) return null;
      if (record.idleExpiresAt <= at || record.absoluteExpiresAt <= at) return null;
      const user = await deps.users.findById(record.userId);
      if (!user || user.disabled) return null;
      const idleExpiresAt = new Date(Math.min(at.getTime() + policy.idleMs, record.absoluteExpiresAt.getTime()));
      await deps.sessions.touch(idHash, at, idleExpiresAt);
      return { user, csrfToken: record.csrfToken, expiresAt: idleExpiresAt };
    },

    /** Ends a session (sign-out, or the old one on sign-in). Unknown ids are ignored. */
    async revoke(sessionId: string | undefined): Promise<boolean> {
      if (!sessionId || sessionId.length > 100) return false;
      return deps.sessions.revoke(sha256Hex(sessionId), now());
    },

    /** Ends every session of a user: after a password change, a role change or disabling them. */
    revokeAllOf(userId: string): Promise<number> {
      return deps.sessions.revokeAllOf(userId, now());
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

/**
 * Synchronizer-token check for a state-changing request: the token sent in the form (or the
 * `X-CSRF-Token` header) must equal the session's, compared in constant time.
 */
export function csrfTokenMatches(session: Pick<ActiveSession, 'csrfToken'>, presented: string | undefined | null): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  return safeEqual(session.csrfToken, presented);
}
