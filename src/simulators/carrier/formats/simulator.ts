import { mapSimulatorCode } from '../../../carriers/simulator/status-map.js';
import type { SimEventWire, SimTrackingWire } from '../../../carriers/simulator/schemas.js';
import { currentStatus, etaView, visibleEvents } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';

/** One scan in the simulator carrier's own JSON. */
export function renderSimEvent(event: SimEvent): SimEventWire {
  const wire: SimEventWire = {
    eventId: event.eventId,
    code: event.code,
    status: mapSimulatorCode(event.code).status,
    occurredAt: event.occurredAt,
    description: event.description,
  };
  if (event.location) wire.location = { ...event.location };
  return wire;
}

/** `GET /simulator/v1/tracking/:n` body: what has happened by `nowMs`, newest first. */
export function renderSimTracking(shipment: SimShipment, nowMs: number): SimTrackingWire {
  const events = visibleEvents(shipment, nowMs);
  const wire: SimTrackingWire = { trackingNumber: shipment.trackingNumber, status: currentStatus(events), events: events.map(renderSimEvent) };
  const eta = etaView(shipment, events);
  if (eta) wire.eta = { ...eta };
  return wire;
}
