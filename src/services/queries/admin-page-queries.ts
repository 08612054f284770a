import type { StalledShipmentRecord } from '../../db/shipments/stalled-shipments.js';
import type { AlertRecord } from '../../db/alerts/repository.js';
import type { InboxEntry } from '../../db/webhook-inbox/inbox-entry.js';
import type { EtaRevisionRecord } from '../../db/eta-revisions/repository.js';
import type { AdminQueries } from './admin-queries.js';

/** A stalled shipment with its alert's state. */
export interface StalledShipmentRow extends StalledShipmentRecord {
  alert?: Pick<AlertRecord, 'status' | 'openedAt' | 'resolvedAt' | 'occurrences' | 'handledAt' | 'handledBy' | 'heldByOutage'>;
}

/** The admin pages' reads beyond the JSON API's: the stalled list, a shipment's whole story, raw payloads, the audit log. */
export function createAdminPageQueries(deps: {
  adminQueries: AdminQueries;
  listStalled(limit: number): Promise<StalledShipmentRecord[]>;
  openStallAlerts(): Promise<AlertRecord[]>;
  findInboxEntry(id: string): Promise<InboxEntry | null>;
  etaRevisions(orderCode: string): Promise<EtaRevisionRecord[]>;
  findFeedback(orderCode: string): Promise<Record<string, unknown> | null>;
  /** Orders of the labelled synthetic demo history placed in [from, to). */
  syntheticOrders(from: Date, to: Date): Promise<number>;
}) {
  return {
    async stalledShipments(limit = 200): Promise<StalledShipmentRow[]> {
      const [rows, alerts] = await Promise.all([deps.listStalled(limit), deps.openStallAlerts()]);
      const byOrder = new Map<string, AlertRecord>();
      for (const alert of alerts) if (!byOrder.has(alert.orderCode)) byOrder.set(alert.orderCode, alert);
      return rows.map((row) => {
        const alert = byOrder.get(row.orderCode);
        if (!alert) return row;
        const { status, openedAt, resolvedAt, occurrences, handledAt, handledBy, heldByOutage } = alert;
        const optional = { resolvedAt, handledAt, handledBy, heldByOutage };
        return { ...row, alert: { status, openedAt, occurrences, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) } };
      });
    },

    /** Everything known about one order, with its ETA's history and its feedback (notes come from the admin actions). */
    async shipmentDetail(code: string) {
      const [detail, etaRevisions, feedback] = await Promise.all([deps.adminQueries.shipmentDetail(code), deps.etaRevisions(code), deps.findFeedback(code)]);
      return { ...detail, etaRevisions, feedback };
    },

    unmatchedWebhooks: (limit = 100) => deps.adminQueries.unmatchedWebhooks({ limit }),

    /** A stored webhook's body as the carrier sent it (the raw-payload link of a status change). */
    async rawPayload(inboxId: string): Promise<{ carrierId: string; receivedAt: string; rawBody: string } | null> {
      if (!/^[a-f0-9]{24}$/.test(inboxId)) return null;
      const entry = await deps.findInboxEntry(inboxId);
      return entry ? { carrierId: entry.carrierId, receivedAt: entry.receivedAt, rawBody: entry.rawBody } : null;
    },

    syntheticOrders: (from: Date, to: Date) => deps.syntheticOrders(from, to),
  };
}

export type AdminPageQueries = ReturnType<typeof createAdminPageQueries>;
export type ShipmentDetailPage = Awaited<ReturnType<AdminPageQueries['shipmentDetail']>>;
