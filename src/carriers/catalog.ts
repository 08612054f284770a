import { z } from 'zod';
import { CARRIER_MANIFESTS, type AnyCarrierManifest } from './all.js';
import { CARRIER_ENV_SHAPE, type CarrierEnv } from './carrier-env-shape.js';
import type { CarrierId } from './carrier-ids.js';
import { fillTrackingUrl } from './tracking-url.js';

/** What a page needs to show a carrier: name, logo and the carrier's own public tracking page. */
export interface CarrierInfo {
  id: CarrierId;
  displayName: string;
  /** Served by the app under /static/carriers/. */
  logoPath: string;
  /** `{n}` is replaced by the URL-encoded tracking number. */
  trackingUrlTemplate: string;
}

/** The carrier environment with nothing configured (every variable optional). */
const UNCONFIGURED = z.object(CARRIER_ENV_SHAPE).parse({}) as CarrierEnv;

/** The carrier's tracking-page template under an environment (only the demo carrier's depends on it). */
function templateOf(manifest: AnyCarrierManifest, env: CarrierEnv): string {
  const template = manifest.trackingUrlTemplate;
  // The full environment holds every manifest's own variables, which is all a template reads.
  return typeof template === 'string' ? template : (template as unknown as (e: CarrierEnv) => string)(env);
}

const infoOf = (manifest: AnyCarrierManifest, env: CarrierEnv): CarrierInfo => ({
  id: manifest.id,
  displayName: manifest.displayName,
  logoPath: `/static/carriers/${manifest.id}.svg`,
  trackingUrlTemplate: templateOf(manifest, env),
});

/**
 * Static facts per carrier id (seed TC005: name and logo in the order details), derived from the manifests.
 * The demo carrier's link here points at the simulator's default address; pass the configured carrier
 * environment to {@link carrierTrackingUrl} for an installation's own.
 */
export const CARRIER_CATALOG = Object.fromEntries(CARRIER_MANIFESTS.map((m) => [m.id, infoOf(m, UNCONFIGURED)])) as Record<CarrierId, CarrierInfo>;

/**
 * The carrier's public tracking page for a number. `env` (the configured carrier settings) matters only for
 * carriers whose site depends on the installation: the demo carrier's page lives on the simulator.
 */
export function carrierTrackingUrl(id: CarrierId, trackingNumber: string, env?: Partial<CarrierEnv>): string {
  const manifest = CARRIER_MANIFESTS.find((m) => m.id === id);
  const template = manifest && env ? templateOf(manifest, { ...UNCONFIGURED, ...env }) : CARRIER_CATALOG[id].trackingUrlTemplate;
  return fillTrackingUrl(template, trackingNumber);
}
