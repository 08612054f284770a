import type { AdminRole } from '../../db/admin-users/schema.js';
import type { ApiKeyScope } from '../../db/api-keys/schema.js';

export type { AdminRole, ApiKeyScope };

/** Everything an admin route can ask permission for. */
export const ADMIN_ACTIONS = ['read', 'shipments:act', 'users:manage', 'keys:manage'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/**
 * The role table: `viewer` reads, `operator` also acts on shipments (poll now, note, mark handled,
 * re-match, discard), `admin` also manages people and machine keys.
 */
export const ROLE_ACTIONS: Readonly<Record<AdminRole, readonly AdminAction[]>> = {
  viewer: ['read'],
  operator: ['read', 'shipments:act'],
  admin: ['read', 'shipments:act', 'users:manage', 'keys:manage'],
};

/** Whether a person with `role` may do `action`. Unknown roles may do nothing. */
export function can(role: AdminRole, action: AdminAction): boolean {
  return (ROLE_ACTIONS[role] ?? []).includes(action);
}

/**
 * What each machine-key scope grants on the admin side. `storefront` grants none of it (the storefront
 * routes check the scope itself), and no key manages people or keys: that takes a signed-in admin.
 */
export const SCOPE_ACTIONS: Readonly<Record<ApiKeyScope, readonly AdminAction[]>> = {
  storefront: [],
  'admin:read': ['read'],
  'admin:write': ['read', 'shipments:act'],
};

export function keyAllows(scopes: readonly ApiKeyScope[], action: AdminAction): boolean {
  return scopes.some((scope) => (SCOPE_ACTIONS[scope] ?? []).includes(action));
}
