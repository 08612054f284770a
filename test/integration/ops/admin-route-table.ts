import type { AdminAction } from '../../../src/services/admin-auth/roles.js';

/** A probe of one admin route: what it needs, and a request whose answer, once allowed, is known. */
export interface RouteProbe {
  need: AdminAction;
  path: string;
  body?: unknown;
  /** The answer when the caller is allowed: reads find real data, actions aim at nothing that exists. */
  allowedStatus: number;
}

const NO_ORDER = 'NO-SUCH-ORDER';
const NO_INBOX = '0123456789abcdef01234567';
const NO_USER = '0000000000000000000000aa';
const NO_KEY = '00000000000000aa';

/**
 * Every admin route by Hono's `METHOD path`, probed so that an allowed caller passes the permission check
 * and is then refused for the target (404) or the input (422): the matrix changes nothing. A route the app
 * has and this table lacks fails the test, so a new route gets its permission row before it ships.
 */
export function adminRouteProbes(orderCode: string): Record<string, RouteProbe> {
  return {
    'GET /api/v1/admin/shipments/:code': { need: 'read', path: `/api/v1/admin/shipments/${orderCode}`, allowedStatus: 200 },
    'GET /api/v1/admin/shipments/:code/notes': { need: 'read', path: `/api/v1/admin/shipments/${orderCode}/notes`, allowedStatus: 200 },
    'GET /api/v1/admin/webhooks/unmatched': { need: 'read', path: '/api/v1/admin/webhooks/unmatched', allowedStatus: 200 },
    'GET /api/v1/admin/audit': { need: 'read', path: '/api/v1/admin/audit', allowedStatus: 200 },
    'GET /api/v1/admin/eta/accuracy': { need: 'read', path: '/api/v1/admin/eta/accuracy', allowedStatus: 200 },
    'POST /api/v1/admin/shipments/:code/poll-now': { need: 'shipments:act', path: `/api/v1/admin/shipments/${NO_ORDER}/poll-now`, allowedStatus: 404 },
    'POST /api/v1/admin/shipments/:code/in-preparation': { need: 'shipments:act', path: `/api/v1/admin/shipments/${NO_ORDER}/in-preparation`, allowedStatus: 404 },
    'POST /api/v1/admin/shipments/:code/notes': { need: 'shipments:act', path: `/api/v1/admin/shipments/${NO_ORDER}/notes`, body: { text: 'probe' }, allowedStatus: 404 },
    'POST /api/v1/admin/shipments/:code/stall-handled': { need: 'shipments:act', path: `/api/v1/admin/shipments/${NO_ORDER}/stall-handled`, body: {}, allowedStatus: 404 },
    'POST /api/v1/admin/webhooks/:id/rematch': { need: 'shipments:act', path: `/api/v1/admin/webhooks/${NO_INBOX}/rematch`, body: { orderCode }, allowedStatus: 404 },
    'POST /api/v1/admin/webhooks/:id/discard': { need: 'shipments:act', path: `/api/v1/admin/webhooks/${NO_INBOX}/discard`, body: {}, allowedStatus: 404 },
    'GET /api/v1/admin/users': { need: 'users:manage', path: '/api/v1/admin/users', allowedStatus: 200 },
    'POST /api/v1/admin/users': { need: 'users:manage', path: '/api/v1/admin/users', body: { email: 'probe@example.com', role: 'viewer', password: 'short' }, allowedStatus: 422 },
    'PUT /api/v1/admin/users/:id/role': { need: 'users:manage', path: `/api/v1/admin/users/${NO_USER}/role`, body: { role: 'viewer' }, allowedStatus: 404 },
    'POST /api/v1/admin/users/:id/disable': { need: 'users:manage', path: `/api/v1/admin/users/${NO_USER}/disable`, allowedStatus: 404 },
    'POST /api/v1/admin/users/:id/enable': { need: 'users:manage', path: `/api/v1/admin/users/${NO_USER}/enable`, allowedStatus: 404 },
    'POST /api/v1/admin/users/:id/password': { need: 'users:manage', path: `/api/v1/admin/users/${NO_USER}/password`, body: {}, allowedStatus: 404 },
    'GET /api/v1/admin/api-keys': { need: 'keys:manage', path: '/api/v1/admin/api-keys', allowedStatus: 200 },
    'POST /api/v1/admin/api-keys': { need: 'keys:manage', path: '/api/v1/admin/api-keys', body: { name: '   ', scopes: ['admin:read'] }, allowedStatus: 422 },
    'DELETE /api/v1/admin/api-keys/:keyId': { need: 'keys:manage', path: `/api/v1/admin/api-keys/${NO_KEY}`, allowedStatus: 404 },
  };
}

/** The admin routes an app serves, as `METHOD path` (middleware entries left out). */
export function servedAdminRoutes(routes: ReadonlyArray<{ method: string; path: string }>): string[] {
  return [...new Set(routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/admin/')).map((r) => `${r.method} ${r.path}`))].sort();
}
