import { z } from '@hono/zod-openapi';
import { ADMIN_ROLES, API_KEY_SCOPES, AUDIT_SOURCES, NOTE_MAX_LENGTH } from '../../../services/admin-actions/index.js';
import { safeText } from '../../text-schemas.js';
import { errorResponses } from '../../errors.js';

/** Admin routes take an admin key or an admin session (cookie `ot_admin` + `X-CSRF-Token` on changes). */
export const adminSecurity: Array<Record<string, string[]>> = [{ adminKey: [] }, { adminSession: [] }];

/** Every admin route can answer these: no credentials, credentials without permission, too many failures. */
export const adminErrors = (...more: Array<400 | 404 | 409 | 422 | 503>) => errorResponses(401, 403, 429, ...more);

export const Loose = z.record(z.string(), z.unknown());
export const InboxIdSchema = z.string().regex(/^[a-f0-9]{24}$/, 'a webhook id (24 hex digits)');
export const UserIdSchema = z.string().regex(/^[a-f0-9]{24}$/, 'a user id (24 hex digits)');
export const KeyIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a key id (16 hex digits)');
export const NoteTextSchema = safeText(NOTE_MAX_LENGTH, 1);

export const NoteSchema = z
  .object({
    id: z.string(),
    orderCode: z.string(),
    text: z.string(),
    at: z.string(),
    author: z.object({ kind: z.enum(['user', 'key', 'system']), ref: z.string(), name: z.string() }),
  })
  .openapi('ShipmentNote');

export const AlertSchema = z
  .object({
    key: z.string(),
    kind: z.string(),
    orderCode: z.string(),
    carrierId: z.string().optional(),
    status: z.string(),
    openedAt: z.string(),
    handledAt: z.string().optional(),
    handledBy: z.string().optional(),
    handledNote: z.string().optional(),
  })
  .openapi('Alert');

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ADMIN_ROLES),
    disabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastSignInAt: z.string().optional(),
  })
  .openapi('AdminUser');

export const ApiKeySchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    createdBy: z.string().optional(),
    createdAt: z.string(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
    lastUsedAt: z.string().optional(),
  })
  .openapi('ApiKey');

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.union([
      z.object({ kind: z.literal('user'), userId: z.string(), email: z.string() }),
      z.object({ kind: z.literal('key'), keyId: z.string(), label: z.string() }),
      z.object({ kind: z.literal('system') }),
    ]),
    action: z.string(),
    source: z.enum(AUDIT_SOURCES),
    orderCode: z.string().optional(),
    target: z.string().optional(),
    details: Loose,
  })
  .openapi('AuditEntry');

export const RoleSchema = z.enum(ADMIN_ROLES);
export const ScopeSchema = z.enum(API_KEY_SCOPES);
