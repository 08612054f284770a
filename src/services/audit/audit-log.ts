import { AuditCursorError, type AuditEntry, type AuditLogRepository, type AuditPage, type AuditSearch, type NewAuditEntry } from '../../db/audit-log/repository.js';
import { ServiceError } from '../service-error.js';

export type { AuditActor, AuditEntry, AuditPage, AuditSource } from '../../db/audit-log/repository.js';
export { AUDIT_SOURCES } from '../../db/audit-log/repository.js';

/** Search filters as callers give them: the limit is optional (50) and capped at 200. */
export type AuditQuery = Omit<AuditSearch, 'limit'> & { limit?: number };

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

/**
 * The audit log as use-cases see it: `record` stamps the time and appends; `search` pages newest first.
 * Permission to search is checked by the caller (admin actions), not here.
 */
export function createAuditLog(deps: { repository: AuditLogRepository; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    record(entry: Omit<NewAuditEntry, 'at'>): Promise<AuditEntry> {
      return deps.repository.append({ ...entry, at: now() });
    },

    async search(query: AuditQuery): Promise<AuditPage> {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? AUDIT_PAGE_DEFAULT), 1), AUDIT_PAGE_MAX);
      try {
        return await deps.repository.search({ ...query, limit });
      } catch (err) {
        if (err instanceof AuditCursorError) throw new ServiceError('INVALID_INPUT', err.message);
        throw err;
      }
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
