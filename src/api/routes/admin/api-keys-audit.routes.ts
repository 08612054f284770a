import { createRoute, z } from '@hono/zod-openapi';
import { AUDIT_PAGE_MAX, AUDIT_SOURCES } from '../../../services/audit/audit-log.js';
import { safeText } from '../../text-schemas.js';
import { OrderCodeSchema } from '../orders/orders.schemas.js';
import { adminErrors, adminSecurity as security, ApiKeySchema, AuditEntrySchema, KeyIdSchema, ScopeSchema } from './admin.schemas.js';

export const listApiKeysRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/api-keys',
  tags: ['Admin: people and keys'],
  summary: 'Stored machine keys, newest first, revoked ones included (admin only; secrets are never shown again)',
  security,
  responses: {
    200: { description: 'Keys', content: { 'application/json': { schema: z.object({ keys: z.array(ApiKeySchema) }) } } },
    ...adminErrors(),
  },
});

export const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/api-keys',
  tags: ['Admin: people and keys'],
  summary: 'Create a machine key `otk_live_…` (admin only; audited); the key is in this answer only',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ name: safeText(100, 1), scopes: z.array(ScopeSchema).min(1).max(3) }) } } } },
  responses: {
    201: { description: 'The key, once', content: { 'application/json': { schema: z.object({ key: z.string(), record: ApiKeySchema }).openapi('CreatedApiKey') } } },
    ...adminErrors(400, 422),
  },
});

export const revokeApiKeyRoute = createRoute({
  method: 'delete',
  path: '/api/v1/admin/api-keys/{keyId}',
  tags: ['Admin: people and keys'],
  summary: 'Revoke a machine key at once (admin only; audited); it stays listed as revoked',
  security,
  request: { params: z.object({ keyId: KeyIdSchema }) },
  responses: { 200: { description: 'The key after', content: { 'application/json': { schema: ApiKeySchema } } }, ...adminErrors(400, 404) },
});

export const searchAuditRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/audit',
  tags: ['Admin'],
  summary: 'The audit log of admin actions, newest first, by order, actor, source and time',
  security,
  request: {
    query: z.object({
      orderCode: OrderCodeSchema.optional(),
      actor: safeText(320, 1).optional().openapi({ description: '`user:<id>`, `key:<keyId>`, `system`, an e-mail or a key label.' }),
      source: z.enum(AUDIT_SOURCES).optional(),
      from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'From this instant (inclusive).' }),
      to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Before this instant.' }),
      before: safeText(64, 1).optional().openapi({ description: 'The `nextBefore` of the previous page.' }),
      limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
    }),
  },
  responses: {
    200: {
      description: 'A page of entries',
      content: { 'application/json': { schema: z.object({ entries: z.array(AuditEntrySchema), nextBefore: z.string().optional() }).openapi('AuditPage') } },
    },
    ...adminErrors(400, 422),
  },
});
