import type { Context } from 'hono';
import type { AdminUser } from '../../db/admin-users/repository.js';
import type { ApiKeyRecord } from '../../db/api-keys/repository.js';
import type { AdminRole } from '../../services/admin-auth/roles.js';
import type { ActiveSession, SessionPolicy } from '../../services/admin-auth/sessions.js';
import type { SignInInput, SignInResult } from '../../services/admin-auth/sign-in.js';
import type { EtaQueries } from '../../services/queries/eta-queries.js';
import type { AdminPageQueries } from '../../services/queries/admin-page-queries.js';
import type { DeliveryPerformanceReport } from '../../services/reports/report-types.js';
import type { ReportQuery } from '../../services/reports/report-query.js';

/** The signed-in person, as every admin action receives them (the audit log names them). */
export interface AdminActor {
  kind: 'user';
  id: string;
  email: string;
  role: AdminRole;
}

/**
 * What the pages' forms do. Each method checks the actor's role itself and writes the audit entry
 * (src/services/admin-actions); the pages hide buttons a role may not use, but never rely on that.
 */
export interface AdminPageActions {
  pollNow(actor: AdminActor, orderCode: string): Promise<void>;
  addNote(actor: AdminActor, orderCode: string, text: string): Promise<void>;
  markStallHandled(actor: AdminActor, orderCode: string): Promise<void>;
  rematchWebhook(actor: AdminActor, inboxId: string, input: { trackingNumber: string; orderCode: string }): Promise<string>;
  discardWebhook(actor: AdminActor, inboxId: string): Promise<void>;
  createUser(actor: AdminActor, input: { email: string; role: AdminRole; displayName?: string }): Promise<{ user: AdminUser; password: string }>;
  setUserRole(actor: AdminActor, userId: string, role: AdminRole): Promise<void>;
  disableUser(actor: AdminActor, userId: string): Promise<void>;
  resetPassword(actor: AdminActor, userId: string): Promise<{ password: string }>;
  createApiKey(actor: AdminActor, input: { name: string; scopes: string[] }): Promise<{ key: string; record: ApiKeyRecord }>;
  revokeApiKey(actor: AdminActor, keyId: string): Promise<void>;
}

/** Where the pages send an operator for a workflow (the Temporal Web UI). */
export interface TemporalUiLink {
  /** e.g. `http://localhost:8233` (the dev server's UI). */
  baseUrl: string;
  namespace: string;
}

/** What `createAdminRouter` needs; `src/bin/admin-pages.ts` builds it from the process's services. */
export interface AdminPagesDeps {
  signIn(input: SignInInput): Promise<SignInResult>;
  sessions: {
    resolve(sessionId: string | undefined): Promise<ActiveSession | null>;
    revoke(sessionId: string | undefined): Promise<boolean>;
    policy: SessionPolicy;
  };
  reports: { report(query: ReportQuery): Promise<DeliveryPerformanceReport> };
  eta: Pick<EtaQueries, 'accuracy'>;
  queries: AdminPageQueries;
  users: { list(): Promise<AdminUser[]> };
  apiKeys: { list(): Promise<ApiKeyRecord[]> };
  actions: AdminPageActions;
  /** Carrier ids to display names (the carrier catalog). */
  carrierNames: Readonly<Record<string, string>>;
  /** `Secure` on the cookies: everywhere but a plain-http dev stack. */
  secureCookies: boolean;
  temporalUi?: TemporalUiLink;
  /** The client's address for the sign-in throttle. */
  clientIp(c: Context): string;
  now?: () => number;
  logger?: { warn(message: string, data?: Record<string, unknown>): void; error?(message: string, data?: Record<string, unknown>): void };
}
