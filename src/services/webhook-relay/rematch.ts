import type { InboxEntry } from '../../db/webhook-inbox/repository.js';
import type { DeliverBatch } from './batch-delivery.js';
import type { RelayInbox } from './relay-inbox.js';

/** Admin re-matching: unmatched deliveries pointed at an order (or found by a new order) and relayed again. */
export function createRematch(deps: { inbox: Pick<RelayInbox, 'findById' | 'unmatched'>; deliverBatch: DeliverBatch }) {
  return {
    /** Points an unmatched delivery of entry `id` at an order and relays it; null when there is no such entry. */
    async rematch(id: string, trackingNumber: string, orderCode: string): Promise<InboxEntry['status'] | null> {
      const entry = await deps.inbox.findById(id);
      if (!entry) return null;
      const deliveries = entry.deliveries.map((d) =>
        d.trackingNumber === trackingNumber && d.state === 'unmatched' ? { ...d, orderCode, state: 'pending' as const } : d,
      );
      const [status] = await deps.deliverBatch([{ ...entry, deliveries }]);
      return status ?? null;
    },

    /** Relays again the recent unmatched webhooks of a tracking number a new order now carries. */
    async rematchTrackingNumber(trackingNumber: string): Promise<void> {
      const entries = await deps.inbox.unmatched({ trackingNumber, limit: 20 });
      await deps.deliverBatch(
        entries.map((entry) => ({
          ...entry,
          deliveries: entry.deliveries.map((d) => (d.trackingNumber === trackingNumber && d.state === 'unmatched' ? { ...d, state: 'pending' as const } : d)),
        })),
      );
    },
  };
}
