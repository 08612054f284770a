import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { trackingEventSchema } from '../tracking-events/schema.js';
import { shipmentSchema } from './schema.js';

/** A shipment the workflow marked stalled, with its newest carrier event. */
export interface StalledShipmentRecord {
  orderCode: string;
  carrierId: string;
  trackingNumber?: string;
  status: string;
  stalledSince: string;
  lastProgressAt?: string;
  lastEventAt?: string;
  lastEvent?: { occurredAt: string; status: string; description?: string };
}

/**
 * The stalled-shipments list: shipments whose `stalledSince` is set (the projection clears it on
 * progress), longest stalled first, on the sparse `stalledSince` index; one event look-up per row.
 */
export function createStalledShipmentsQuery(connection: Connection) {
  const Shipments = modelFor(connection, 'Shipment', shipmentSchema);
  const Events = modelFor(connection, 'TrackingEvent', trackingEventSchema);
  return async function listStalled(limit: number): Promise<StalledShipmentRecord[]> {
    const docs = await Shipments.find({ stalledSince: { $ne: null } }).sort({ stalledSince: 1 }).limit(limit).lean();
    return Promise.all(
      docs.map(async (doc) => {
        const plain = toPlain<Record<string, unknown>>(doc)!;
        const last = toPlain<Record<string, unknown>>(await Events.findOne({ orderCode: doc.orderCode }).sort({ occurredAtUtc: -1 }).lean());
        return {
          orderCode: String(plain.orderCode),
          carrierId: String(plain.carrierId),
          status: String(plain.status),
          stalledSince: String(plain.stalledSince),
          ...(plain.trackingNumber ? { trackingNumber: String(plain.trackingNumber) } : {}),
          ...(plain.lastProgressAt ? { lastProgressAt: String(plain.lastProgressAt) } : {}),
          ...(plain.lastEventAt ? { lastEventAt: String(plain.lastEventAt) } : {}),
          ...(last
            ? { lastEvent: { occurredAt: String(last.occurredAt ?? last.occurredAtUtc), status: String(last.status), ...(last.description ? { description: String(last.description) } : {}) } }
            : {}),
        };
      }),
    );
  };
}
