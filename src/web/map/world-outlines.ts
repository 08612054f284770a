import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

/** One country's outline as lon/lat rings, with its bounding box for quick culling. */
export interface CountryOutline {
  name: string;
  rings: Float64Array[];
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

let outlines: CountryOutline[] | undefined;

/**
 * The world's countries from world-atlas (Natural Earth 1:50m, public domain), decoded once per process
 * and kept as flat [lon, lat, lon, lat, …] rings. Lazy so processes that never draw a map pay nothing.
 */
export function worldOutlines(): CountryOutline[] {
  if (outlines) return outlines;
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  outlines = [];
  for (const f of collection.features) {
    const g = f.geometry;
    if (!g) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    const rings: Float64Array[] = [];
    let minLon = 180, maxLon = -180, minLat = 90, maxLat = -90;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const flat = new Float64Array(ring.length * 2);
        ring.forEach(([lon = 0, lat = 0], i) => {
          flat[i * 2] = lon;
          flat[i * 2 + 1] = lat;
          if (lon < minLon) minLon = lon;
          if (lon > maxLon) maxLon = lon;
          if (lat < minLat) minLat = lat;
          if (lat > maxLat) maxLat = lat;
        });
        rings.push(flat);
      }
    }
    outlines.push({ name: f.properties?.name ?? '', rings, minLon, maxLon, minLat, maxLat });
  }
  return outlines;
}
