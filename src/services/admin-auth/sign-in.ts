import type { AdminUser, AdminUserRepository } from '../../db/admin-users/repository.js';
import { normalizeEmail } from '../../db/admin-users/repository.js';
import type { SignInThrottleRepository } from '../../db/admin-users/sign-in-throttle-repository.js';
import type { Logger } from '../../observability/logger.js';
import { hashPassword, verifyPassword } from './password.js';
import { randomToken } from './secrets.js';
import type { SessionService } from './sessions.js';

/** Failed attempts allowed per window before further attempts are refused without checking. */
export interface SignInLimits {
  windowMs: number;
  perAccount: number;
  perIp: number;
}

/** 5 per account and 50 per address in 15 minutes: slows guessing, and a shared office NAT still works. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { windowMs: 15 * 60_000, perAccount: 5, perIp: 50 };

export type SignInResult =
  | { ok: true; user: AdminUser; sessionId: string; csrfToken: string; expiresAt: Date }
  /** Unknown e-mail, wrong password and disabled user answer alike, so no reply tells which. */
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export interface SignInDeps {
  users: AdminUserRepository;
  throttle: SignInThrottleRepository;
  sessions: SessionService;
  logger: Logger;
  limits?: SignInLimits;
  now?: () => Date;
}

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The session cookie the browser came with, if any: revoked so a planted id never becomes signed in. */
  previousSessionId?: string;
}

/** The sign-in use case: throttle check, password check, and a fresh session (rotation). */
export function createSignInService(deps: SignInDeps) {
  const limits = deps.limits ?? DEFAULT_SIGN_IN_LIMITS;
  const now = deps.now ?? (() => new Date());
  // Verified against when the e-mail is unknown, so that answer costs the same Argon2 work as a wrong password.
  const decoyHash = hashPassword(randomToken());

  return {
    limits,
    async signIn(input: SignInInput): Promise<SignInResult> {
      const at = now();
      const email = normalizeEmail(input.email);
      const subjects = [`account:${email}`, `ip:${input.ip}`];
      const { counts, windowEndsAt } = await deps.throttle.failures(subjects, at);
      if ((counts.get(subjects[0]!) ?? 0) >= limits.perAccount || (counts.get(subjects[1]!) ?? 0) >= limits.perIp) {
        deps.logger.warn('admin sign-in refused: too many failures', { email, ip: input.ip });
        return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt.getTime() - at.getTime()) / 1000)) };
      }

      const found = await deps.users.findForSignIn(email);
      const passwordOk = await verifyPassword(found?.passwordHash ?? (await decoyHash), input.password);
      if (!found || !passwordOk || found.user.disabled) {
        await deps.throttle.recordFailure(subjects, at);
        const why = !found ? 'unknown account' : !passwordOk ? 'wrong password' : 'account disabled';
        deps.logger.warn('admin sign-in failed', { email, ip: input.ip, why });
        return { ok: false, reason: 'invalid_credentials' };
      }

      if (input.previousSessionId) await deps.sessions.revoke(input.previousSessionId);
      const session = await deps.sessions.start(found.user.id, { ip: input.ip, ...(input.userAgent ? { userAgent: input.userAgent } : {}) });
      await Promise.all([deps.throttle.clear(subjects[0]!, at), deps.users.recordSignIn(found.user.id, at)]);
      deps.logger.info('admin signed in', { userId: found.user.id, email, ip: input.ip });
      return { ok: true, user: found.user, ...session };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
