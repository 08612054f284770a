import type { CarrierId } from './carrier-adapter.js';

/** What a page needs to show a carrier: name, logo and the carrier's own public tracking page. */
export interface CarrierInfo {
  id: CarrierId;
  displayName: string;
  /** Served by the app under /static/carriers/. */
  logoPath: string;
  /** `{n}` is replaced by the URL-encoded tracking number. */
  trackingUrlTemplate: string;
}

const info = (id: CarrierId, displayName: string, trackingUrlTemplate: string): CarrierInfo => ({
  id,
  displayName,
  logoPath: `/static/carriers/${id}.svg`,
  trackingUrlTemplate,
});

/** Static facts per carrier id (seed TC005: name and logo in the order details). */
export const CARRIER_CATALOG: Record<CarrierId, CarrierInfo> = {
  ups: info('ups', 'UPS', 'https://www.ups.com/track?tracknum={n}'),
  fedex: info('fedex', 'FedEx', 'https://www.fedex.com/fedextrack/?trknbr={n}'),
  usps: info('usps', 'USPS', 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}'),
  dhl: info('dhl', 'DHL', 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}'),
  canadapost: info('canadapost', 'Canada Post', 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}'),
  easypost: info('easypost', 'EasyPost', 'https://track.easypost.com/{n}'),
  aftership: info('aftership', 'AfterShip', 'https://track.aftership.com/{n}'),
  shippo: info('shippo', 'Shippo', 'https://goshippo.com/tracking/{n}'),
  simulator: info('simulator', 'Demo Carrier', '/simulator/track/{n}'),
};

export function carrierTrackingUrl(id: CarrierId, trackingNumber: string): string {
  return CARRIER_CATALOG[id].trackingUrlTemplate.replace('{n}', encodeURIComponent(trackingNumber));
}
