import type { TrackingView, ViewPlace } from '../tracking-page-queries.js';
import { lookupPlace } from './gazetteer.js';
import { landAssetPath } from './land-asset.js';
import { frameFor, MAP_HEIGHT, MAP_WIDTH, type MapPin } from './map-frame.js';

const shortName = (label: string) => label.split(',')[0] ?? label;
const placeLabel = (p: ViewPlace) => [p.city, p.region, p.country].filter(Boolean).join(', ') || p.text || '';

function coordinates(p: ViewPlace): { lat: number; lon: number } | undefined {
  if (typeof p.lat === 'number' && typeof p.lon === 'number') return { lat: p.lat, lon: p.lon };
  const known = lookupPlace(p);
  return known ? { lat: known.lat, lon: known.lon } : undefined;
}

/** The scan places (oldest first, each once) and the destination, where coordinates are known. */
export function journeyPins(view: Pick<TrackingView, 'events' | 'destination'>): MapPin[] {
  const pins: MapPin[] = [];
  const seen = new Set<string>();
  const chronological = [...view.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  for (const e of chronological) {
    if (!e.location) continue;
    const at = coordinates(e.location);
    const label = placeLabel(e.location);
    if (!at || seen.has(label)) continue;
    seen.add(label);
    pins.push({ ...at, label, kind: 'scan' });
  }
  const dest = coordinates(view.destination);
  if (!dest) return pins;
  // A scan in the destination town is drawn as the destination itself.
  const beforeDest = pins.filter((p) => p.lat !== dest.lat || p.lon !== dest.lon);
  return [...beforeDest, { ...dest, label: placeLabel(view.destination), kind: 'destination' }];
}

interface LabelBox {
  x: number;
  y: number;
  half: number;
}

/**
 * Places each name above its pin, or below when that would overlap a name already placed, kept inside
 * the picture (the map is ~330 px wide on a phone, so names are drawn large).
 */
function placeLabels(points: { x: number; y: number; text: string; below: boolean }[]): LabelBox[] {
  const placed: LabelBox[] = [];
  const clash = (a: LabelBox) => placed.some((b) => Math.abs(a.y - b.y) < 26 && Math.abs(a.x - b.x) < a.half + b.half);
  for (const p of points) {
    const half = p.text.length * 7.5;
    const x = Math.min(Math.max(p.x, half + 4), MAP_WIDTH - half - 4);
    const at = (y: number) => ({ x, y: Math.min(Math.max(y, 26), MAP_HEIGHT - 8), half });
    const first = at(p.below ? p.y + 40 : p.y - 18);
    const second = at(p.below ? p.y - 22 : p.y + 36);
    placed.push(clash(first) && !clash(second) ? second : first);
  }
  return placed;
}

/**
 * Server-drawn SVG map (no tiles, no script): countries (a cacheable image of the frame, see land-asset.ts),
 * the route so far, scan pins and the destination.
 */
export function JourneyMap(props: { pins: MapPin[]; title: string; description: string }) {
  if (props.pins.length === 0) return null;
  const frame = frameFor(props.pins);
  const points = props.pins.map((p) => {
    const [x, y] = frame.project(p.lon, p.lat);
    return { ...p, x: Math.round(x), y: Math.round(y) };
  });
  const lastScan = points.map((p) => p.kind).lastIndexOf('scan');
  // The destination's name first, so scans near it give way.
  const order = [...points.keys()].sort((a, b) => (points[b]!.kind === 'destination' ? 1 : 0) - (points[a]!.kind === 'destination' ? 1 : 0));
  const boxes = new Map(
    placeLabels(order.map((i) => ({ x: points[i]!.x, y: points[i]!.y, text: shortName(points[i]!.label), below: points[i]!.kind === 'destination' }))).map((box, k) => [order[k]!, box]),
  );
  const route = points.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <svg class="map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-labelledby="map-title map-desc" focusable="false">
      <title id="map-title">{props.title}</title>
      <desc id="map-desc">{props.description}</desc>
      <rect width={MAP_WIDTH} height={MAP_HEIGHT} class="map-sea" />
      <image class="map-land" href={landAssetPath(frame)} width={MAP_WIDTH} height={MAP_HEIGHT} />
      {points.length > 1 ? <polyline class="map-route" points={route} /> : null}
      {points.map((p, i) =>
        p.kind === 'destination' ? (
          <g class="map-dest">
            <circle cx={p.x} cy={p.y} r="16" />
            <circle cx={p.x} cy={p.y} r="7" class="map-dest-dot" />
            <text x={boxes.get(i)!.x} y={boxes.get(i)!.y} text-anchor="middle">
              {shortName(p.label)}
            </text>
          </g>
        ) : (
          <g class={i === lastScan ? 'map-scan map-last' : 'map-scan'}>
            <circle cx={p.x} cy={p.y} r="9" />
            <text x={boxes.get(i)!.x} y={boxes.get(i)!.y} text-anchor="middle">
              {shortName(p.label)}
            </text>
          </g>
        ),
      )}
    </svg>
  );
}
