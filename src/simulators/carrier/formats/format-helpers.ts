import type { Context } from 'hono';
import { isSimStatusCode, type SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { visibleEvents } from '../shipment-view.js';
import { formatOffset, offsetOf } from '../sim-time.js';
import type { SimEvent, SimShipment } from '../sim-types.js';

/** The local wall-clock parts of a scan as its `occurredAt` states them. */
export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM:SS` */
  time: string;
  /** `±HH:MM` (UTC written as `+00:00`) */
  offset: string;
}

/** Splits `occurredAt` into local date, time (whole seconds) and offset, exactly as written. */
export function localParts(event: SimEvent): LocalParts {
  const date = event.occurredAt.slice(0, 10);
  const time = `${event.occurredAt.slice(11, 19)}:00`.slice(0, 8);
  return { date, time, offset: formatOffset(offsetOf(event.occurredAt)) };
}

/** The UTC date and time of a scan, `YYYY-MM-DD` and `HH:MM:SS`. */
export function utcParts(event: SimEvent): { date: string; time: string } {
  const iso = new Date(event.occurredAtMs).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** A format's rendering of each simulator code; unknown (hand-added) codes get `fallback`. */
export function codeFor<T>(table: Readonly<Record<SimStatusCode, T>>, code: string, fallback: T): T {
  const key = code.trim().toUpperCase();
  return isSimStatusCode(key) ? table[key] : fallback;
}

/** Scans to render at `nowMs`, newest first (formats that list oldest first reverse it). */
export function eventsAt(shipment: SimShipment, nowMs: number): SimEvent[] {
  return visibleEvents(shipment, nowMs);
}

/** The credential in `Authorization: <scheme> <value>` (case-insensitive scheme), if any. */
export function authValue(c: Context, scheme: string): string | undefined {
  const header = c.req.header('authorization') ?? '';
  const match = /^(\S+)\s+(.+)$/.exec(header.trim());
  return match && match[1]?.toLowerCase() === scheme.toLowerCase() ? match[2] : undefined;
}

/** True when `Authorization: Basic` carries a non-empty user name (the simulator accepts any account). */
export function hasBasicUser(c: Context): boolean {
  const encoded = authValue(c, 'basic');
  if (!encoded) return false;
  const user = Buffer.from(encoded, 'base64').toString('utf8').split(':')[0] ?? '';
  return user.length > 0;
}
