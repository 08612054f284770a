import { createHash } from 'node:crypto';
import { cachedCountryPaths, frameFromBounds, MAP_HEIGHT, MAP_WIDTH, type MapFrame } from './map-frame.js';

/** Bumped when the drawing of the outlines changes (the atlas, clipping, simplification), so URLs change. */
const LAND_VERSION = 'l1';
export const LAND_ROUTE = `/web/map/${LAND_VERSION}/:bounds`;
const BOUNDS = /^(-?\d{1,4}(?:\.\d{1,2})?)_(-?\d{1,4}(?:\.\d{1,2})?)_(-?\d{1,4}(?:\.\d{1,2})?)_(-?\d{1,4}(?:\.\d{1,2})?)\.svg$/;

const boundsName = (f: Pick<MapFrame, 'minLon' | 'maxLon' | 'minLat' | 'maxLat'>) => `${f.minLon}_${f.maxLon}_${f.minLat}_${f.maxLat}.svg`;

/**
 * The URL of a frame's country outlines as a static SVG. The outlines are most of a map's bytes (about
 * 28 KB for a transatlantic frame) and the same for every parcel on a lane: drawn by the page they went
 * out in every page view; as an image the browser caches them once per frame, and a page keeps its pins.
 */
export const landAssetPath = (frame: MapFrame): string => `/web/map/${LAND_VERSION}/${boundsName(frame)}`;

/** The frame a land asset's name stands for, or null when it is not a name `landAssetPath` gives. */
export function frameOfLandAsset(name: string): MapFrame | null {
  const m = BOUNDS.exec(name);
  if (!m) return null;
  const [minLon, maxLon, minLat, maxLat] = m.slice(1, 5).map(Number) as [number, number, number, number];
  if (!(minLon < maxLon && minLat < maxLat) || maxLon - minLon > 720 || maxLat - minLat > 360) return null;
  const frame = frameFromBounds(minLon, maxLon, minLat, maxLat);
  // One URL per frame (no `1.50` beside `1.5`), so caches hold each drawing once.
  return boundsName(frame) === name ? frame : null;
}

/** The outlines as a standalone SVG with its own colours (an image does not see the page's stylesheet). */
export function landSvg(frame: MapFrame): string {
  const paths = cachedCountryPaths(frame)
    .map((c) => `<path d="${c.d}"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}"><g fill="#fbfaf6" stroke="#b9c2cc" stroke-width=".8">${paths}</g></svg>`;
}

/** A strong validator of a drawing: its version and frame name it entirely. */
export const landEtag = (name: string): string => `"${createHash('sha1').update(`${LAND_VERSION}/${name}`).digest('base64url').slice(0, 16)}"`;
