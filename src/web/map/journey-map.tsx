import type { TrackingView, ViewPlace } from '../tracking-page-queries.js';
import { lookupPlace } from './gazetteer.js';
import { countryPaths, frameFor, MAP_HEIGHT, MAP_WIDTH, type MapPin } from './map-frame.js';

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
  if (dest) pins.push({ ...dest, label: placeLabel(view.destination), kind: 'destination' });
  return pins;
}

/** Server-drawn SVG map (no tiles, no script): countries, the route so far, scan pins and the destination. */
export function JourneyMap(props: { pins: MapPin[]; title: string; description: string }) {
  if (props.pins.length === 0) return null;
  const frame = frameFor(props.pins);
  const points = props.pins.map((p) => {
    const [x, y] = frame.project(p.lon, p.lat);
    return { ...p, x: Math.round(x), y: Math.round(y) };
  });
  const lastScan = points.map((p) => p.kind).lastIndexOf('scan');
  const route = points.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <svg class="map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-labelledby="map-title map-desc" focusable="false">
      <title id="map-title">{props.title}</title>
      <desc id="map-desc">{props.description}</desc>
      <rect width={MAP_WIDTH} height={MAP_HEIGHT} class="map-sea" />
      <g class="map-land">
        {countryPaths(frame).map((c) => (
          <path d={c.d} />
        ))}
      </g>
      {points.length > 1 ? <polyline class="map-route" points={route} /> : null}
      {points.map((p, i) =>
        p.kind === 'destination' ? (
          <g class="map-dest">
            <circle cx={p.x} cy={p.y} r="11" />
            <circle cx={p.x} cy={p.y} r="5" class="map-dest-dot" />
            <text x={p.x + 15} y={p.y + 5}>{p.label}</text>
          </g>
        ) : (
          <g class={i === lastScan ? 'map-scan map-last' : 'map-scan'}>
            <circle cx={p.x} cy={p.y} r="6" />
            <text x={p.x + 10} y={p.y - 8}>{p.label.split(',')[0]}</text>
          </g>
        ),
      )}
    </svg>
  );
}
