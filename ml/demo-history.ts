import { businessCalendar } from './business-calendar.js';
import { dayFromIso, isoFromDay } from './calendar-day.js';
import { DELIVERY_CSV_COLUMNS } from './delivery-csv.js';
import { toCsv } from './csv.js';
import { formatWallClock, instantFromWallClock } from './time-zone.js';
import { seededRandom } from '../src/util/seeded-random.js';

/**
 * A labelled SYNTHETIC delivery history (fictional orders between US states) for tests and `npm run dev`:
 * deterministic for a seed, in the delivery CSV format. Its transit times follow simple made-up rules
 * (distance, service, carrier, weight, handling delay, December congestion, business days and holidays),
 * so a model can learn them; it says nothing about real carriers and is never used for accuracy claims.
 */
export interface DemoOptions {
  count: number;
  seed: number;
  /** First purchase day (`YYYY-MM-DD`); purchases spread over `days`. */
  start: string;
  days: number;
}

export const DEMO_DEFAULTS: DemoOptions = { count: 3000, seed: 42, start: '2025-01-06', days: 365 };

const DATA_ZONE = 'America/New_York';
/** Fictional grid positions and zones of a few states (made up for the demo, not geography). */
const STATES: Record<string, { x: number; y: number; zone: string; zip: string }> = {
  NY: { x: 9, y: 7, zone: 'America/New_York', zip: '100' },
  FL: { x: 8, y: 1, zone: 'America/New_York', zip: '331' },
  IL: { x: 6, y: 6, zone: 'America/Chicago', zip: '606' },
  TX: { x: 4, y: 2, zone: 'America/Chicago', zip: '770' },
  CO: { x: 3, y: 5, zone: 'America/Denver', zip: '802' },
  WA: { x: 0, y: 9, zone: 'America/Los_Angeles', zip: '981' },
  CA: { x: 0, y: 4, zone: 'America/Los_Angeles', zip: '900' },
};
const SERVICES = [
  { name: 'Express', speed: 0.35, share: 0.2 },
  { name: 'Ground', speed: 1, share: 0.6 },
  { name: 'Economy', speed: 1.5, share: 0.2 },
];
const CARRIERS = [{ id: 'ups', slow: 0 }, { id: 'usps', slow: 0.8 }, { id: 'fedex', slow: 0.2 }];
const CATEGORIES = ['books', 'electronics', 'furniture', 'toys', 'garden'];

export function demoRows(partial: Partial<DemoOptions> = {}): Record<string, string>[] {
  const o = { ...DEMO_DEFAULTS, ...partial };
  const rand = seededRandom(o.seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const names = Object.keys(STATES);
  const start = dayFromIso(o.start);
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < o.count; i += 1) {
    const from = pick(names.slice(0, 3));
    const to = pick(names);
    const a = STATES[from]!;
    const b = STATES[to]!;
    const service = ((r) => (r < 0.2 ? SERVICES[0]! : r < 0.8 ? SERVICES[1]! : SERVICES[2]!))(rand());
    const carrier = pick(CARRIERS);
    const weight = Math.round(200 + rand() ** 2 * 20_000);
    const purchaseDay = start + Math.floor((i / o.count) * o.days);
    const hour = 7 + rand() * 16;
    const purchaseWall = `${isoFromDay(purchaseDay)} ${String(Math.floor(hour)).padStart(2, '0')}:${String(Math.floor((hour % 1) * 60)).padStart(2, '0')}:00`;
    const origin = businessCalendar('US', from);
    const dest = businessCalendar('US', to);
    const dispatch = hour < 14 && origin.isBusinessDay(purchaseDay) ? purchaseDay : origin.onOrAfter(purchaseDay + 1);
    const handling = rand() < 0.7 ? 0 : 1 + Math.floor(rand() * 2);
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    const december = isoFromDay(dispatch).slice(5, 7) === '12' ? 1.5 : 0;
    const noise = -Math.log(1 - rand() * 0.999) * 0.9;
    const category = pick(CATEGORIES);
    const bulky = category === 'furniture' ? 2 : 0;
    const transit = Math.max(1, Math.round(handling + (1 + distance * 0.45) * service.speed + carrier.slow + weight / 5_000 + bulky + december + noise));
    const handed = origin.addBusinessDays(dispatch, handling);
    const delivered = dest.addBusinessDays(dispatch, transit);
    const deliveredMs = instantFromWallClock(`${isoFromDay(delivered)} ${String(9 + Math.floor(rand() * 9)).padStart(2, '0')}:15:00`, b.zone);
    const handedMs = instantFromWallClock(`${isoFromDay(handed)} 17:00:00`, DATA_ZONE);
    rows.push({
      order_id: `demo-${String(i + 1).padStart(6, '0')}`,
      purchase_ts: purchaseWall,
      approved_ts: purchaseWall,
      carrier_handoff_ts: formatWallClock(Math.min(handedMs, deliveredMs), DATA_ZONE),
      delivered_ts: formatWallClock(deliveredMs, DATA_ZONE),
      platform_estimate_ts: `${isoFromDay(dest.addBusinessDays(dispatch, Math.ceil((2 + distance * 0.6) * service.speed) + 4))} 00:00:00`,
      customer_state: to,
      customer_zip_prefix: `${b.zip}${String(Math.floor(rand() * 100)).padStart(2, '0')}`,
      seller_state: from,
      seller_zip_prefix: `${a.zip}${String(Math.floor(rand() * 100)).padStart(2, '0')}`,
      n_items: String(1 + Math.floor(rand() ** 3 * 4)),
      n_sellers: '1',
      freight_value: (5 + distance * 1.2 + weight / 1000).toFixed(2),
      total_weight_g: String(weight),
      product_category: category,
      ts_resolution: 's',
      carrier: carrier.id,
      service_level: service.name,
      origin_country: 'US',
      destination_country: 'US',
      customer_time_zone: b.zone,
      data_time_zone: DATA_ZONE,
    });
  }
  return rows;
}

export const DEMO_COLUMNS = [...DELIVERY_CSV_COLUMNS, 'carrier', 'service_level', 'origin_country', 'destination_country', 'customer_time_zone', 'data_time_zone'];

/** The demo history as CSV text. */
export function demoCsv(partial: Partial<DemoOptions> = {}): string {
  return toCsv(DEMO_COLUMNS, demoRows(partial));
}
