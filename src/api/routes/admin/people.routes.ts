import { createRoute, z } from '@hono/zod-openapi';
import { safeText } from '../../text-schemas.js';
import { adminErrors, adminSecurity as security, AdminUserSchema, RoleSchema, UserIdSchema } from './admin.schemas.js';

const params = z.object({ id: UserIdSchema });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const userAnswer = (description: string) => ({ description, content: { 'application/json': { schema: AdminUserSchema } } });
const Password = z.string().min(1).max(256).openapi({ description: '12 to 256 characters; left out: one is generated and returned once.' });
const WithPassword = z
  .object({ user: AdminUserSchema, generatedPassword: z.string().optional().openapi({ description: 'Only when the request named no password; shown this once.' }) })
  .openapi('AdminUserWithPassword');

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/users',
  tags: ['Admin: people and keys'],
  summary: 'The admin users (admin only)',
  security,
  responses: {
    200: { description: 'Users by e-mail', content: { 'application/json': { schema: z.object({ users: z.array(AdminUserSchema) }) } } },
    ...adminErrors(),
  },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/users',
  tags: ['Admin: people and keys'],
  summary: 'Create an admin user (admin only; audited)',
  security,
  request: { body: json(z.object({ email: safeText(320, 3), role: RoleSchema, displayName: safeText(100, 1).optional(), password: Password.optional() })) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: WithPassword } } },
    ...adminErrors(400, 409, 422),
  },
});

export const setUserRoleRoute = createRoute({
  method: 'put',
  path: '/api/v1/admin/users/{id}/role',
  tags: ['Admin: people and keys'],
  summary: "Change a user's role; their sessions end (admin only; audited)",
  security,
  request: { params, body: json(z.object({ role: RoleSchema })) },
  responses: { 200: userAnswer('The user after'), ...adminErrors(400, 404, 409) },
});

export const disableUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/users/{id}/disable',
  tags: ['Admin: people and keys'],
  summary: 'Disable a user; their sessions end (admin only; audited)',
  security,
  request: { params },
  responses: { 200: userAnswer('The user after'), ...adminErrors(400, 404, 409) },
});

export const enableUserRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/users/{id}/enable',
  tags: ['Admin: people and keys'],
  summary: 'Enable a disabled user again (admin only; audited)',
  security,
  request: { params },
  responses: { 200: userAnswer('The user after'), ...adminErrors(400, 404, 409) },
});

export const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/users/{id}/password',
  tags: ['Admin: people and keys'],
  summary: "Set a user's password (generated when none is given); their sessions end (admin only; audited)",
  security,
  request: { params, body: { required: false, content: { 'application/json': { schema: z.object({ password: Password.optional() }) } } } },
  responses: {
    200: { description: 'The user, and the generated password if any', content: { 'application/json': { schema: WithPassword } } },
    ...adminErrors(400, 404, 422),
  },
});
