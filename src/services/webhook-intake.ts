import { createHash } from 'node:crypto';
import type { IncomingWebhook } from '../carriers/carrier-adapter.js';
import type { CarrierRegistry } from '../carriers/registry.js';
import { isIpAllowed, WebhookPayloadError } from '../carriers/webhook-security/index.js';
import type { InboxEntry, WebhookInboxRepository } from '../db/webhook-inbox/repository.js';
import type { Logger } from '../observability/logger.js';
import { notFoundError, ServiceError } from './service-error.js';

export interface WebhookIntakeDeps {
  carriers: CarrierRegistry;
  inbox: WebhookInboxRepository;
  /** Optional per-carrier IP allow-lists (exact addresses or IPv4 CIDR). */
  ipAllowLists: Record<string, string[]>;
  logger: Logger;
  /** Called after a webhook is stored, to relay it at once (the relay sweep retries whatever this misses). */
  onStored: (entry: InboxEntry) => void;
}

export type WebhookOutcome = { status: 'accepted'; id: string; updates: number } | { status: 'duplicate' };

/**
 * Webhook intake: allow-list, signature, parse, then the inbox write, all before the carrier gets its 2xx.
 * A bad signature stores nothing; an unreadable verified body is refused with the reason.
 */
export function createWebhookIntake(deps: WebhookIntakeDeps) {
  return {
    async receive(carrierId: string, webhook: IncomingWebhook, contentType?: string): Promise<WebhookOutcome> {
      const adapter = deps.carriers.get(carrierId);
      if (!adapter?.verifyWebhook || !adapter.parseWebhook) throw notFoundError(`Webhook endpoint for carrier "${carrierId}"`);

      const allowList = deps.ipAllowLists[carrierId] ?? [];
      if (!isIpAllowed(webhook.remoteAddress, allowList)) {
        deps.logger.warn('webhook from an address outside the allow-list', { carrierId, remoteAddress: webhook.remoteAddress });
        throw new ServiceError('FORBIDDEN_SOURCE', 'This address may not send webhooks for this carrier.');
      }
      const verification = adapter.verifyWebhook(webhook);
      if (!verification.ok) {
        // The log keeps the reason (stale timestamp, mismatch, missing header); the sender learns only that
        // verification failed, which tells a forger nothing about which part to fix.
        deps.logger.warn('webhook signature rejected', { carrierId, reason: verification.reason });
        throw new ServiceError('WEBHOOK_UNVERIFIED', 'Signature verification failed.');
      }

      let parsed;
      try {
        parsed = adapter.parseWebhook(webhook);
      } catch (err) {
        if (err instanceof WebhookPayloadError) throw new ServiceError('INVALID_WEBHOOK_PAYLOAD', err.message);
        throw err;
      }

      // The provider's delivery id when it has one, else the body's hash: a re-sent delivery is dropped.
      const dedupeKey = `${carrierId}:${parsed.deliveryId ?? createHash('sha256').update(webhook.rawBody).digest('hex')}`;
      const stored = await deps.inbox.insert({
        carrierId,
        dedupeKey,
        receivedAt: new Date(webhook.receivedAtMs),
        ...(webhook.remoteAddress ? { remoteAddress: webhook.remoteAddress } : {}),
        ...(contentType ? { contentType } : {}),
        rawBody: webhook.rawBody.toString('utf8'),
        rawBodyBytes: webhook.rawBody,
        updates: parsed.updates,
      });
      if (!stored) return { status: 'duplicate' };
      if (parsed.updates.length > 0) deps.onStored(stored);
      return { status: 'accepted', id: stored.id, updates: parsed.updates.length };
    },
  };
}

export type WebhookIntake = ReturnType<typeof createWebhookIntake>;
