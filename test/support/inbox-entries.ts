import type { ShipmentStatus } from '../../src/domain/shipment-status.js';
import type { InboxEntry } from '../../src/db/webhook-inbox/repository.js';
import type { RelayInbox } from '../../src/services/webhook-relay/relay-inbox.js';

/**
 * Stores a verified simulator webhook with one event straight in the inbox (as the intake does before its
 * 2xx), for relay tests that hand entries to a relay themselves. `key` makes its dedupe key and event id.
 */
export async function storeSimEvent(
  inbox: Pick<RelayInbox, 'insert'>,
  event: { trackingNumber: string; key: string; status?: ShipmentStatus; occurredAt?: string },
): Promise<InboxEntry> {
  const status = event.status ?? 'in_transit';
  const stored = await inbox.insert({
    carrierId: 'simulator',
    dedupeKey: `simulator:${event.key}`,
    receivedAt: new Date(),
    rawBody: '{}',
    updates: [{ trackingNumber: event.trackingNumber, events: [{ status, occurredAt: event.occurredAt ?? new Date().toISOString(), description: status, carrierEventId: event.key }] }],
  });
  if (!stored) throw new Error(`webhook ${event.key} was stored before`);
  return stored;
}
