import type { Context } from 'hono';
import type { AdminUser } from '../../db/admin-users/repository.js';
import type { ApiKeyRecord } from '../../db/api-keys/repository.js';
import type { AdminRole } from '../../services/admin-auth/roles.js';
import type { ActiveSession, SessionPolicy } from '../../services/admin-auth/sessions.js';
import type { SignInInput, SignInResult } from '../../services/admin-auth/sign-in.js';
import type { EtaQueries } from '../../services/queries/eta-queries.js';
import type { CarrierHealthQueries } from '../../services/queries/carrier-health.js';
import type { AdminPageQueries } from '../../services/queries/admin-page-queries.js';
import type { DeliveryPerformanceReport } from '../../services/reports/report-types.js';
import type { ReportQuery } from '../../services/reports/report-query.js';

/** The signed-in person as the admin actions receive them (the audit log names them, source `admin-page`). */
export interface AdminActor {
  kind: 'user';
  userId: string;
  email: string;
  role: AdminRole;
  source: 'admin-page';
}

/** A note on an order, as the detail page lists it. */
export interface NoteView {
  id: string;
  text: string;
  at: string;
  author: { name: string };
}

/** An entry of the admin audit log, as the pages show it. */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: { kind: string; email?: string; label?: string };
  action: string;
  source: string;
  orderCode?: string;
  target?: string;
  details: Record<string, unknown>;
}

/** The audit search's filters. */
export interface AuditQueryInput {
  orderCode?: string;
  actor?: string;
  source?: 'admin-page' | 'admin-api' | 'cli' | 'system';
  from?: Date;
  to?: Date;
  limit?: number;
}

/**
 * What the pages' forms do: src/services/admin-actions (`services.adminActions`) fits it as it is. Each
 * method checks the actor's permission itself and writes the audit entry; the pages hide buttons a role
 * may not use, but never rely on that.
 */
export interface AdminPageActions {
  pollNow(actor: AdminActor, orderCode: string): Promise<unknown>;
  addNote(actor: AdminActor, orderCode: string, text: string): Promise<unknown>;
  listNotes(actor: AdminActor, orderCode: string): Promise<NoteView[]>;
  markStallHandled(actor: AdminActor, orderCode: string, note?: string): Promise<unknown>;
  rematchWebhook(actor: AdminActor, inboxId: string, orderCode: string, trackingNumber?: string): Promise<string>;
  discardWebhook(actor: AdminActor, inboxId: string, reason?: string): Promise<unknown>;
  listUsers(actor: AdminActor): Promise<AdminUser[]>;
  createUser(actor: AdminActor, input: { email: string; role: string; displayName?: string }): Promise<{ user: AdminUser; generatedPassword?: string }>;
  setUserRole(actor: AdminActor, userId: string, role: string): Promise<unknown>;
  disableUser(actor: AdminActor, userId: string): Promise<unknown>;
  resetPassword(actor: AdminActor, userId: string): Promise<{ generatedPassword?: string }>;
  listApiKeys(actor: AdminActor): Promise<ApiKeyRecord[]>;
  createApiKey(actor: AdminActor, input: { name: string; scopes: string[] }): Promise<{ key: string; record: ApiKeyRecord }>;
  revokeApiKey(actor: AdminActor, keyId: string): Promise<unknown>;
  searchAudit(actor: AdminActor, query: AuditQueryInput): Promise<{ entries: AuditEntryView[]; nextBefore?: string }>;
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
  /** Ends the session of the signed-in `user` (audited as their sign-out when there was one). */
  signOut(sessionId: string | undefined, user?: { id: string; email: string }): Promise<boolean>;
  sessions: {
    resolve(sessionId: string | undefined): Promise<ActiveSession | null>;
    revoke(sessionId: string | undefined): Promise<boolean>;
    policy: SessionPolicy;
  };
  reports: { report(query: ReportQuery): Promise<DeliveryPerformanceReport> };
  eta: Pick<EtaQueries, 'accuracy'>;
  carrierHealth: Pick<CarrierHealthQueries, 'listCarriers'>;
  queries: AdminPageQueries;
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
