import type { AdminUser } from '../../db/admin-users/repository.js';
import type { AuditActor, AuditSource } from '../../db/audit-log/repository.js';
import type { VerifiedApiKey } from '../admin-auth/api-keys.js';
import { can, keyAllows, type AdminAction, type AdminRole, type ApiKeyScope } from '../admin-auth/roles.js';

/**
 * Who asks for an admin action, with what they may do and where the request came from: a signed-in person
 * (their role), a machine key (its scopes; a bootstrap key from the environment has its label as `keyId`),
 * or the system itself (the CLI, start-up), which may do everything.
 */
export type Actor =
  | { kind: 'user'; userId: string; email: string; role: AdminRole; source: AuditSource }
  | { kind: 'key'; keyId: string; label: string; scopes: readonly ApiKeyScope[]; source: AuditSource }
  | { kind: 'system'; source: AuditSource };

/** A signed-in person as an actor (`source`: 'admin-page' for the pages, 'admin-api' for JSON calls). */
export function userActor(user: Pick<AdminUser, 'id' | 'email' | 'role'>, source: AuditSource): Actor {
  return { kind: 'user', userId: user.id, email: user.email, role: user.role, source };
}

/** A verified machine key as an actor. */
export function keyActor(key: VerifiedApiKey, source: AuditSource = 'admin-api'): Actor {
  return { kind: 'key', keyId: key.kind === 'stored' ? key.keyId : key.label, label: key.label, scopes: key.scopes, source };
}

export function systemActor(source: AuditSource = 'system'): Actor {
  return { kind: 'system', source };
}

/** Whether the actor may do `action`: `can(role)` for people, `keyAllows(scopes)` for keys, always for the system. */
export function actorAllows(actor: Actor, action: AdminAction): boolean {
  if (actor.kind === 'user') return can(actor.role, action);
  if (actor.kind === 'key') return keyAllows(actor.scopes, action);
  return true;
}

/** The actor as the audit log stores it (without role, scopes or source). */
export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'user') return { kind: 'user', userId: actor.userId, email: actor.email };
  if (actor.kind === 'key') return { kind: 'key', keyId: actor.keyId, label: actor.label };
  return { kind: 'system' };
}

/** A short name safe to show and store beside a change: e-mail, key label or `system`. */
export function actorName(actor: Actor): string {
  if (actor.kind === 'user') return actor.email;
  if (actor.kind === 'key') return actor.label;
  return actor.source === 'cli' ? 'cli' : 'system';
}

/** `user:<id>`, `key:<keyId>` or `system`: how audit searches and notes refer to the actor. */
export function actorRef(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.userId}`;
  if (actor.kind === 'key') return `key:${actor.keyId}`;
  return 'system';
}
