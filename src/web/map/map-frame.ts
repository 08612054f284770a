import { clipRing, simplify } from './clip-simplify.js';
import { worldOutlines } from './world-outlines.js';

/** A point to pin on the map. */
export interface MapPin {
  lat: number;
  lon: number;
  label: string;
  kind: 'scan' | 'destination';
}

export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 400;

/** The lon/lat window a map shows and the linear projection into its pixels (plate carrée, x scaled by cos φ). */
export interface MapFrame {
  project(lon: number, lat: number): [number, number];
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/** Frame bounds are kept to hundredths of a degree, so a frame is fully named by a short URL (the land asset). */
const quantize = (deg: number) => Math.round(deg * 100) / 100;

/** A window around the pins: padded, at least ~10° wide, widened to the map's aspect ratio. */
export function frameFor(pins: readonly MapPin[]): MapFrame {
  let minLon = Math.min(...pins.map((p) => p.lon));
  let maxLon = Math.max(...pins.map((p) => p.lon));
  let minLat = Math.min(...pins.map((p) => p.lat));
  let maxLat = Math.max(...pins.map((p) => p.lat));
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const padLon = Math.max((maxLon - minLon) * 0.2, 5);
  const padLat = Math.max((maxLat - minLat) * 0.2, 3);
  minLon -= padLon;
  maxLon += padLon;
  minLat -= padLat;
  maxLat += padLat;
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  if (spanX / spanY > MAP_WIDTH / MAP_HEIGHT) {
    const grow = (spanX * (MAP_HEIGHT / MAP_WIDTH) - spanY) / 2;
    minLat -= grow;
    maxLat += grow;
  } else {
    const grow = (spanY * (MAP_WIDTH / MAP_HEIGHT) - spanX) / k / 2;
    minLon -= grow;
    maxLon += grow;
  }
  return frameFromBounds(quantize(minLon), quantize(maxLon), quantize(minLat), quantize(maxLat));
}

/**
 * The frame of given bounds: the page's (from `frameFor`) and the land asset's (from its URL) are the same
 * projection, so the pins drawn in the page sit on the outlines drawn by the asset.
 */
export function frameFromBounds(minLon: number, maxLon: number, minLat: number, maxLat: number): MapFrame {
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = MAP_WIDTH / ((maxLon - minLon) * k);
  return {
    minLon,
    maxLon,
    minLat,
    maxLat,
    project: (lon, lat) => [(lon - minLon) * k * scale, (maxLat - lat) * scale],
  };
}

/**
 * Country paths by frame. A frame follows from the pins alone, and parcels of one shop travel the same few
 * lanes, so most pages draw a frame drawn before: clipping and simplifying the world's outlines is most of
 * a page's render time. Each entry is a few kilobytes; the oldest go first past the limit.
 */
const pathCache = new Map<string, { name: string; d: string }[]>();
const PATH_CACHE_MAX = 256;

/** `countryPaths` of the frame, computed once per frame (see pathCache). Treat the answer as read-only. */
export function cachedCountryPaths(frame: MapFrame): readonly { name: string; d: string }[] {
  const key = `${frame.minLon},${frame.maxLon},${frame.minLat},${frame.maxLat}`;
  let paths = pathCache.get(key);
  if (paths) {
    // Refreshed as most recently used.
    pathCache.delete(key);
  } else {
    paths = countryPaths(frame);
    if (pathCache.size >= PATH_CACHE_MAX) pathCache.delete(pathCache.keys().next().value!);
  }
  pathCache.set(key, paths);
  return paths;
}

/**
 * SVG path data for the countries inside the frame: rings are clipped to the frame (a pixel beyond its
 * edge, so no outline shows there), simplified to ~1 px, rounded to whole pixels and written relative.
 * A country-scale map is a few kilobytes.
 */
export function countryPaths(frame: MapFrame): { name: string; d: string }[] {
  const out: { name: string; d: string }[] = [];
  for (const country of worldOutlines()) {
    if (country.maxLon < frame.minLon || country.minLon > frame.maxLon || country.maxLat < frame.minLat || country.minLat > frame.maxLat) continue;
    let d = '';
    for (const ring of country.rings) {
      const projected: [number, number][] = [];
      for (let i = 0; i < ring.length; i += 2) projected.push(frame.project(ring[i]!, ring[i + 1]!));
      const clipped = simplify(clipRing(projected, -2, -2, MAP_WIDTH + 2, MAP_HEIGHT + 2), 0.9);
      const parts: string[] = [];
      let px = 0;
      let py = 0;
      for (const [fx, fy] of clipped) {
        const x = Math.round(fx);
        const y = Math.round(fy);
        if (parts.length === 0) parts.push(`M${x} ${y}`);
        else if (x !== px || y !== py) parts.push(`${x - px} ${y - py}`);
        px = x;
        py = y;
      }
      if (parts.length > 2) d += `${parts[0]}l${parts.slice(1).join(' ')}z`;
    }
    if (d) out.push({ name: country.name, d });
  }
  return out;
}
