import { Schema } from 'mongoose';

/** Where an audited action came from. */
export const AUDIT_SOURCES = ['admin-page', 'admin-api', 'cli', 'system'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/**
 * The admin audit log: one document per action, written once and never changed (the repository has no
 * update or delete). `actorKeys` holds the actor's reference (`user:<id>`, `key:<keyId>`, `system`) and its
 * name (e-mail or key label), so a search by either walks one multikey index.
 */
export const auditLogSchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: {
      kind: { type: String, enum: ['user', 'key', 'system'], required: true },
      userId: String,
      email: String,
      keyId: String,
      label: String,
    },
    actorKeys: { type: [String], required: true },
    action: { type: String, required: true },
    source: { type: String, enum: AUDIT_SOURCES, required: true },
    orderCode: String,
    target: String,
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'audit_log', versionKey: false, minimize: false },
);
// Newest first, overall and by each filter the search offers; `_id` breaks ties inside one instant.
auditLogSchema.index({ at: -1, _id: -1 });
auditLogSchema.index({ orderCode: 1, at: -1 });
auditLogSchema.index({ actorKeys: 1, at: -1 });
auditLogSchema.index({ source: 1, at: -1 });
