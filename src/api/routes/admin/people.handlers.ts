import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env.js';
import { actorOf } from '../../middleware/admin-access.js';
import type { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute, searchAuditRoute } from './api-keys-audit.routes.js';
import type { createUserRoute, disableUserRoute, enableUserRoute, listUsersRoute, resetPasswordRoute, setUserRoleRoute } from './people.routes.js';

type H<R extends RouteConfig> = (deps: AppDeps) => RouteHandler<R, AppEnv>;

export const listUsers: H<typeof listUsersRoute> = ({ services }) => async (c) =>
  c.json({ users: await services.adminActions.listUsers(actorOf(c)) }, 200);

export const createUser: H<typeof createUserRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.createUser(actorOf(c), c.req.valid('json')), 201);

export const setUserRole: H<typeof setUserRoleRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.setUserRole(actorOf(c), c.req.valid('param').id, c.req.valid('json').role), 200);

export const disableUser: H<typeof disableUserRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.disableUser(actorOf(c), c.req.valid('param').id), 200);

export const enableUser: H<typeof enableUserRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.enableUser(actorOf(c), c.req.valid('param').id), 200);

export const resetPassword: H<typeof resetPasswordRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.resetPassword(actorOf(c), c.req.valid('param').id, c.req.valid('json').password), 200);

export const listApiKeys: H<typeof listApiKeysRoute> = ({ services }) => async (c) =>
  c.json({ keys: await services.adminActions.listApiKeys(actorOf(c)) }, 200);

export const createApiKey: H<typeof createApiKeyRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.createApiKey(actorOf(c), c.req.valid('json')), 201);

export const revokeApiKey: H<typeof revokeApiKeyRoute> = ({ services }) => async (c) =>
  c.json(await services.adminActions.revokeApiKey(actorOf(c), c.req.valid('param').keyId), 200);

export const searchAudit: H<typeof searchAuditRoute> = ({ services }) => async (c) => {
  const { from, to, ...query } = c.req.valid('query');
  const page = await services.adminActions.searchAudit(actorOf(c), {
    ...query,
    ...(from ? { from: new Date(from) } : {}),
    ...(to ? { to: new Date(to) } : {}),
  });
  return c.json(page, 200);
};
