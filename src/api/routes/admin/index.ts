import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { markInPreparation, pollNow, rematchWebhook, shipmentDetail, unmatchedWebhooks } from './admin.handlers.js';
import { markInPreparationRoute, pollNowRoute, rematchWebhookRoute, shipmentDetailRoute, unmatchedWebhooksRoute } from './admin.routes.js';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute, searchAuditRoute } from './api-keys-audit.routes.js';
import * as people from './people.handlers.js';
import { createUserRoute, disableUserRoute, enableUserRoute, listUsersRoute, resetPasswordRoute, setUserRoleRoute } from './people.routes.js';
import { addNote, discardWebhook, listNotes, stallHandled } from './shipment-actions.handlers.js';
import { addNoteRoute, discardWebhookRoute, listNotesRoute, stallHandledRoute } from './shipment-actions.routes.js';

/**
 * Admin API: shipments (detail, actions, notes), unmatched webhooks, the audit log, people and machine
 * keys. Who may call is decided by `adminAccess`, mounted for `/api/v1/admin/*` in create-app.ts; each
 * action then checks the caller's role or key scope itself (src/services/admin-actions).
 */
export function adminRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(shipmentDetailRoute, shipmentDetail(deps));
  router.openapi(pollNowRoute, pollNow(deps));
  router.openapi(markInPreparationRoute, markInPreparation(deps));
  router.openapi(listNotesRoute, listNotes(deps));
  router.openapi(addNoteRoute, addNote(deps));
  router.openapi(stallHandledRoute, stallHandled(deps));
  router.openapi(unmatchedWebhooksRoute, unmatchedWebhooks(deps));
  router.openapi(rematchWebhookRoute, rematchWebhook(deps));
  router.openapi(discardWebhookRoute, discardWebhook(deps));
  router.openapi(searchAuditRoute, people.searchAudit(deps));
  router.openapi(listUsersRoute, people.listUsers(deps));
  router.openapi(createUserRoute, people.createUser(deps));
  router.openapi(setUserRoleRoute, people.setUserRole(deps));
  router.openapi(disableUserRoute, people.disableUser(deps));
  router.openapi(enableUserRoute, people.enableUser(deps));
  router.openapi(resetPasswordRoute, people.resetPassword(deps));
  router.openapi(listApiKeysRoute, people.listApiKeys(deps));
  router.openapi(createApiKeyRoute, people.createApiKey(deps));
  router.openapi(revokeApiKeyRoute, people.revokeApiKey(deps));
  return router;
}
