import { CARRIER_CATALOG } from '../../carriers/catalog.js';
import { isCarrierId } from '../../carriers/carrier-adapter.js';
import type { AlertRepository } from '../../db/alerts/repository.js';
import type { CarrierHealthRecord, CarrierHealthRepository } from '../../db/carrier-health/repository.js';
import { holdsShipmentAlerts, type CarrierHealthState } from '../../domain/carrier-health.js';

/** One carrier's health as the admin page shows it. Instants are ISO strings. */
export interface CarrierHealthRow extends Omit<CarrierHealthRecord, 'failingShipments'> {
  carrierName: string;
  /** Alerts held back from operators by this carrier's outage, per kind (open ones). */
  heldAlerts: { stalled: number; pollFailures: number };
}

/** The customer tracking page's short notice about an order's carrier, if any. */
export type CarrierNotice = 'carrier_outage';

function toRow(record: CarrierHealthRecord, held: { carrierId: string; kind: string; count: number }[]): CarrierHealthRow {
  const heldOf = (kind: string) => held.find((h) => h.carrierId === record.carrierId && h.kind === kind)?.count ?? 0;
  return {
    carrierId: record.carrierId,
    carrierName: isCarrierId(record.carrierId) ? CARRIER_CATALOG[record.carrierId].displayName : record.carrierId,
    state: record.state,
    since: record.since,
    consecutiveFailures: record.consecutiveFailures ?? 0,
    ...(record.lastSuccessAt ? { lastSuccessAt: record.lastSuccessAt } : {}),
    ...(record.lastFailureAt ? { lastFailureAt: record.lastFailureAt } : {}),
    ...(record.lastError ? { lastError: record.lastError } : {}),
    ...(record.circuitOpenAt ? { circuitOpenAt: record.circuitOpenAt } : {}),
    ...(holdsShipmentAlerts(record.state) && record.outageSince ? { outageSince: record.outageSince } : {}),
    ...(record.lastOutage ? { lastOutage: record.lastOutage } : {}),
    heldAlerts: { stalled: heldOf('stalled'), pollFailures: heldOf('poll_failure') },
  };
}

/** Carrier health for the admin page (carriers that were ever polled) and the tracking page's notice. */
export function createCarrierHealthQueries(deps: { health: Pick<CarrierHealthRepository, 'list' | 'get'>; alerts: Pick<AlertRepository, 'countHeld'> }) {
  return {
    /** Every polled carrier, outages first, then by id. */
    async listCarriers(): Promise<CarrierHealthRow[]> {
      const [records, held] = await Promise.all([deps.health.list(), deps.alerts.countHeld()]);
      const rank = (s: CarrierHealthState) => (s === 'outage' ? 0 : s === 'recovering' ? 1 : 2);
      return records.map((r) => toRow(r, held)).sort((a, b) => rank(a.state) - rank(b.state) || a.carrierId.localeCompare(b.carrierId));
    },

    /** Only during the outage itself: once the carrier answers, the page catches up within minutes. */
    async customerNotice(carrierId: string): Promise<CarrierNotice | undefined> {
      return (await deps.health.get(carrierId))?.state === 'outage' ? 'carrier_outage' : undefined;
    },
  };
}

export type CarrierHealthQueries = ReturnType<typeof createCarrierHealthQueries>;
