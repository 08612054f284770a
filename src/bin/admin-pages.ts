import { Hono, type Context } from 'hono';
import type { AppEnv } from '../api/app-env.js';
import { CARRIER_CATALOG } from '../carriers/catalog.js';
import type { DbConnection } from '../db/connection.js';
import { createAlertRepository } from '../db/alerts/repository.js';
import { createEtaRevisionRepository } from '../db/eta-revisions/repository.js';
import { createFeedbackRepository } from '../db/feedback/repository.js';
import { createSyntheticOrderCount } from '../db/orders/synthetic-orders.js';
import { createStalledShipmentsQuery } from '../db/shipments/stalled-shipments.js';
import { createWebhookInboxRepository } from '../db/webhook-inbox/repository.js';
import { toPlain } from '../db/to-plain.js';
import type { Logger } from '../observability/logger.js';
import type { SessionService } from '../services/admin-auth/sessions.js';
import type { SignInService } from '../services/admin-auth/sign-in.js';
import { createAdminPageQueries } from '../services/queries/admin-page-queries.js';
import type { ApiServices } from '../services/services.js';
import type { AdminPageActions, TemporalUiLink } from '../web/admin/admin-deps.js';
import { createAdminRouter } from '../web/admin/create-admin-router.js';

/**
 * The admin pages of one API process (mounted at `/admin`): the router over the process's services, its
 * sign-in and sessions, the admin actions, the report and carrier health, plus the page-only reads built
 * here from the connection.
 */
export function createAdminPages(deps: {
  mongo: DbConnection;
  services: Pick<ApiServices, 'adminQueries' | 'etaQueries' | 'deliveryPerformance' | 'carrierHealth'>;
  auth: { signIn: Pick<SignInService, 'signIn'>; sessions: Pick<SessionService, 'resolve' | 'revoke' | 'policy'>; signOut(sessionId: string | undefined, user?: { id: string; email: string }): Promise<boolean> };
  actions: AdminPageActions;
  /** `Secure` cookies: true unless the process serves plain-http development. */
  secureCookies: boolean;
  temporalUi?: TemporalUiLink;
  clientIp: (c: Context) => string;
  logger: Logger;
  now?: () => number;
}): Hono<AppEnv> {
  const alerts = createAlertRepository(deps.mongo);
  const inbox = createWebhookInboxRepository(deps.mongo);
  const revisions = createEtaRevisionRepository(deps.mongo);
  const feedback = createFeedbackRepository(deps.mongo);
  const queries = createAdminPageQueries({
    adminQueries: deps.services.adminQueries,
    listStalled: createStalledShipmentsQuery(deps.mongo),
    openStallAlerts: () => alerts.list({ kind: 'stalled', status: 'open' }),
    findInboxEntry: (id) => inbox.findById(id),
    etaRevisions: (code) => revisions.listForOrder(code),
    findFeedback: async (code) => toPlain<Record<string, unknown>>(await feedback.find(code)),
    syntheticOrders: createSyntheticOrderCount(deps.mongo),
  });
  const pages = createAdminRouter({
    signIn: (input) => deps.auth.signIn.signIn(input),
    signOut: (sessionId, user) => deps.auth.signOut(sessionId, user),
    sessions: deps.auth.sessions,
    reports: deps.services.deliveryPerformance,
    carrierHealth: deps.services.carrierHealth,
    eta: deps.services.etaQueries,
    queries,
    actions: deps.actions,
    carrierNames: Object.fromEntries(Object.values(CARRIER_CATALOG).map((c) => [c.id, c.displayName])),
    secureCookies: deps.secureCookies,
    ...(deps.temporalUi ? { temporalUi: deps.temporalUi } : {}),
    clientIp: deps.clientIp,
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  // Mounted among the API's routers, whose request variables (the request id) the pages do not use.
  return new Hono<AppEnv>().route('/', pages);
}
