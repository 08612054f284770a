import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ShipmentWorkflow } from '../../workflows/shipment-workflow.js';
import { carrierEventsSignal } from '../../workflows/shipment-messages.js';
import type { OrderRepository } from '../db/orders/repository.js';
import type { InboxEntry, WebhookInboxRepository } from '../db/webhook-inbox/repository.js';
import type { Logger } from '../observability/logger.js';
import type { WorkflowStarter } from './workflow-starter.js';

export interface WebhookRelayDeps {
  inbox: WebhookInboxRepository;
  orders: OrderRepository;
  temporal: Client;
  workflows: WorkflowStarter;
  logger: Logger;
  now: () => Date;
}

/** A relay attempt gives up quickly when Temporal is unreachable; the entry stays stored and is retried. */
const SIGNAL_DEADLINE_MS = 3_000;

/** Backoff of a relay that could not reach Temporal: 1 s doubling to a minute, retried until delivered. */
const retryDelayMs = (attempts: number) => Math.min(60_000, 1_000 * 2 ** Math.min(attempts, 6));

/**
 * Relays inbox entries to shipment workflows as signals. Signal-with-start, so a webhook that races the
 * workflow's start is never lost; a workflow that already ended marks the delivery `closed`.
 */
export function createWebhookRelay(deps: WebhookRelayDeps) {
  async function deliver(entry: InboxEntry, delivery: InboxEntry['deliveries'][number]): Promise<InboxEntry['deliveries'][number]> {
    const order = delivery.orderCode
      ? await deps.orders.findByCode(delivery.orderCode)
      : await deps.orders.findByTrackingNumber(delivery.trackingNumber, entry.carrierId);
    if (!order) return { ...delivery, state: 'unmatched' };
    const update = entry.updates.find((u) => u.trackingNumber === delivery.trackingNumber);
    try {
      await deps.temporal.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, () => deps.temporal.workflow.signalWithStart(ShipmentWorkflow, {
        ...deps.workflows.startOptions(order),
        signal: carrierEventsSignal,
        signalArgs: [
          {
            source: 'webhook',
            receivedAt: entry.receivedAt,
            events: update?.events ?? [],
            ...(update?.eta ? { eta: update.eta } : {}),
            inboxId: entry.id,
          },
        ],
      }));
      return { trackingNumber: delivery.trackingNumber, orderCode: order.code, state: 'delivered' };
    } catch (err) {
      // REJECT_DUPLICATE: the shipment's workflow has finished (delivered and past its grace period).
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { trackingNumber: delivery.trackingNumber, orderCode: order.code, state: 'closed' };
      throw err;
    }
  }

  async function relay(entry: InboxEntry): Promise<InboxEntry['status']> {
    const deliveries: InboxEntry['deliveries'] = [];
    try {
      for (const delivery of entry.deliveries) {
        deliveries.push(delivery.state === 'pending' ? await deliver(entry, delivery) : delivery);
      }
    } catch (err) {
      const attempts = entry.attempts + 1;
      await deps.inbox.retryLater(entry.id, attempts, new Date(deps.now().getTime() + retryDelayMs(attempts)), String((err as Error).message));
      deps.logger.warn('webhook relay failed; will retry', { inboxId: entry.id, attempts, err });
      return 'pending';
    }
    const status = deliveries.some((d) => d.state === 'unmatched') ? 'unmatched' : 'relayed';
    await deps.inbox.saveRelay(entry.id, deliveries, status, deps.now());
    return status;
  }

  return {
    /** Relays one stored entry now (called right after the inbox write; failures fall to the loop). */
    async relayById(id: string): Promise<void> {
      const entry = await deps.inbox.findById(id);
      if (entry && entry.status === 'pending') await relay(entry);
    },

    /** One sweep of due entries; the API runs it on a timer. Returns how many were relayed. */
    async sweep(limit = 100): Promise<number> {
      let relayed = 0;
      for (const entry of await deps.inbox.due(deps.now(), limit)) {
        if ((await relay(entry)) !== 'pending') relayed += 1;
      }
      return relayed;
    },

    /** Admin: points an unmatched delivery at an order and relays it. */
    async rematch(id: string, trackingNumber: string, orderCode: string): Promise<InboxEntry['status'] | null> {
      const entry = await deps.inbox.findById(id);
      if (!entry) return null;
      const deliveries = entry.deliveries.map((d) =>
        d.trackingNumber === trackingNumber && d.state === 'unmatched' ? { ...d, orderCode, state: 'pending' as const } : d,
      );
      return relay({ ...entry, deliveries });
    },

    /** A new order may be what an earlier unmatched webhook was waiting for. */
    async rematchTrackingNumber(trackingNumber: string): Promise<void> {
      for (const entry of await deps.inbox.unmatched({ trackingNumber, limit: 20 })) {
        const deliveries = entry.deliveries.map((d) =>
          d.trackingNumber === trackingNumber && d.state === 'unmatched' ? { ...d, state: 'pending' as const } : d,
        );
        await relay({ ...entry, deliveries });
      }
    },
  };
}

export type WebhookRelay = ReturnType<typeof createWebhookRelay>;
