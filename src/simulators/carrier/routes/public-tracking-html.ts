import type { ShipmentStatus } from '../../../domain/shipment-status.js';
import type { SimEtaView } from '../shipment-view.js';
import type { SimEvent, SimLocation } from '../sim-types.js';

/** What the public tracking page shows of a shipment: nothing beyond what a carrier's own page would. */
export interface PublicTrackingView {
  trackingNumber: string;
  serviceLevel?: string;
  status: ShipmentStatus;
  eta?: SimEtaView;
  /** Reported scans, newest first. */
  events: readonly SimEvent[];
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STATUS_TEXT: Partial<Record<ShipmentStatus, string>> = {
  unknown: 'Awaiting the first scan',
  label_created: 'Label created',
  picked_up: 'Picked up',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivery_attempted: 'Delivery attempted',
  available_for_pickup: 'Ready for pickup',
  delivered: 'Delivered',
  returned_to_sender: 'Returned to sender',
  exception: 'Problem reported',
  cancelled: 'Cancelled',
};

const place = (location: SimLocation | undefined): string =>
  location ? [location.city, location.region, location.postalCode, location.country].filter(Boolean).join(', ') : '';

function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}' +
    'table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}' +
    '.status{font-size:1.4rem;font-weight:600}</style></head>' +
    `<body><header><p>Demo Carrier · simulated tracking</p></header><main>${body}</main></body></html>`
  );
}

/** The carrier's public page for one shipment: status, estimate and scans (carrier-local times). */
export function renderTrackingPage(view: PublicTrackingView): string {
  const status = STATUS_TEXT[view.status] ?? view.status;
  const rows = view.events
    .map((e) => `<tr><td><time datetime="${escapeHtml(e.occurredAt)}">${escapeHtml(e.occurredAt.replace('T', ' '))}</time></td>` +
      `<td>${escapeHtml(e.description)}</td><td>${escapeHtml(place(e.location))}</td></tr>`)
    .join('');
  const eta = view.eta ? `<p>Estimated delivery: <strong>${escapeHtml(view.eta.date)}</strong></p>` : '';
  const service = view.serviceLevel ? `<p>Service: ${escapeHtml(view.serviceLevel)}</p>` : '';
  const scans = rows
    ? `<table><thead><tr><th>When</th><th>What</th><th>Where</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No scans yet.</p>';
  return page(
    `Tracking ${view.trackingNumber}`,
    `<h1>Tracking ${escapeHtml(view.trackingNumber)}</h1><p class="status" data-status="${escapeHtml(view.status)}">${escapeHtml(status)}</p>${eta}${service}<h2>History</h2>${scans}`,
  );
}

/** The page for a number the carrier does not know. */
export function renderUnknownNumberPage(trackingNumber: string): string {
  return page('Tracking number not found', `<h1>Not found</h1><p>No shipment with tracking number ${escapeHtml(trackingNumber)}.</p>`);
}
