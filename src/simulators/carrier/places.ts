import type { Rng } from './random.js';

/** A place scans happen at, with its (standard-time) UTC offset so timestamps carry a believable offset. */
export interface SimPlace {
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
  /** Fixed offset in minutes; daylight saving is ignored on purpose (a simulator needs plausible, not exact). */
  utcOffsetMinutes: number;
}

const place = (city: string, region: string, postalCode: string, utcOffsetMinutes: number): SimPlace => ({
  city,
  region,
  postalCode,
  country: 'US',
  utcOffsetMinutes,
});

/** Shippers' home towns (first scans). */
export const ORIGINS: readonly SimPlace[] = [
  place('Portland', 'OR', '97201', -480),
  place('Austin', 'TX', '78701', -360),
  place('Columbus', 'OH', '43215', -300),
  place('Denver', 'CO', '80202', -420),
];

/** Sort hubs parcels pass through. */
export const HUBS: readonly SimPlace[] = [
  place('Louisville', 'KY', '40209', -300),
  place('Memphis', 'TN', '38118', -360),
  place('Chicago', 'IL', '60666', -360),
  place('Dallas', 'TX', '75261', -360),
  place('Indianapolis', 'IN', '46241', -300),
  place('Ontario', 'CA', '91761', -480),
];

/** Customers' towns (last-mile scans). */
export const DESTINATIONS: readonly SimPlace[] = [
  place('Brooklyn', 'NY', '11201', -300),
  place('Atlanta', 'GA', '30303', -300),
  place('Seattle', 'WA', '98101', -480),
  place('Minneapolis', 'MN', '55401', -360),
];

/** A route: origin, `hubCount` distinct hubs, destination. */
export interface SimRoute {
  origin: SimPlace;
  hubs: SimPlace[];
  destination: SimPlace;
}

/** Picks a route deterministically from `rng`. */
export function pickRoute(rng: Rng, hubCount: number): SimRoute {
  const pool = [...HUBS];
  const hubs: SimPlace[] = [];
  for (let i = 0; i < Math.min(hubCount, pool.length); i += 1) {
    const [hub] = pool.splice(rng.int(0, pool.length - 1), 1);
    if (hub) hubs.push(hub);
  }
  return { origin: rng.pick(ORIGINS), hubs, destination: rng.pick(DESTINATIONS) };
}
