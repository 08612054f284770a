/**
 * The notification benchmark's customers: each order's own customer (e-mail and a valid, unique US mobile
 * number), who chose e-mail and SMS with the default milestones, in a time zone where the run falls in the
 * day, with quiet hours set on the order the way a storefront does (`PUT /api/v1/orders/:code/notifications`).
 */
import type { LocalStack } from './local-stack.js';
import { forEachLimited, type BenchOrder } from './orders.js';
import { progress } from './report.js';

/** Zones a few hours apart around the world: one of them always has its afternoon. */
const ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Istanbul', 'Asia/Kolkata', 'Asia/Tokyo', 'Pacific/Auckland'];

function localHour(zone: string, at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

/** The zone whose local hour is nearest 13:00 now, so an hour-long run stays clear of evening quiet hours. */
export function daytimeZone(now = new Date()): { zone: string; hour: number } {
  const scored = ZONES.map((zone) => ({ zone, hour: localHour(zone, now) })).sort((a, b) => Math.abs(a.hour - 13) - Math.abs(b.hour - 13));
  return scored[0]!;
}

/** Quiet hours from `HH:MM-HH:MM`, or undefined for `none`. */
export function parseQuietHours(text: string): { start: string; end: string } | undefined {
  if (text === 'none') return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error(`--quiet-hours must be HH:MM-HH:MM or none, got "${text}"`);
  return { start: `${m[1]}:${m[2]}`, end: `${m[3]}:${m[4]}` };
}

/** A valid, unique US number per order index (503-234-0000 on; libphonenumber's checks pass, no Twilio test number). */
export function phoneFor(index: number): string {
  return `+1503${2_340_000 + index}`;
}

/** The order body's customer and notification fields (for placeOrders' `customize`). */
export function notifyingCustomer(order: BenchOrder, phone: string, timeZone: string): Record<string, unknown> {
  return {
    customer: { email: `${order.code.toLowerCase()}@example.com`, name: 'Bench Customer', phone, timeZone },
    notifications: { channels: ['email', 'sms'], language: 'en' },
  };
}

/** Sets each order's preferences with its quiet hours; returns how many were refused. */
export async function setQuietHours(stack: LocalStack, orders: BenchOrder[], timeZone: string, quietHours: { start: string; end: string }, concurrency: number): Promise<number> {
  const start = performance.now();
  let done = 0;
  let failed = 0;
  const ticker = setInterval(() => progress(start, `quiet hours set on ${done}/${orders.length} orders${failed ? `, ${failed} refused` : ''}`), 5_000);
  try {
    await forEachLimited(orders, concurrency, async (order) => {
      const res = await fetch(`${stack.apiUrl}/api/v1/orders/${encodeURIComponent(order.code)}/notifications`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.storefrontKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channels: ['email', 'sms'], language: 'en', timeZone, quietHours }),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      if (res?.status === 200) done += 1;
      else {
        failed += 1;
        if (failed <= 3) console.error(`  preferences of ${order.code}: HTTP ${res?.status ?? 'no answer'} ${res ? await res.text() : ''}`);
      }
    });
  } finally {
    clearInterval(ticker);
  }
  progress(start, `quiet hours ${quietHours.start}–${quietHours.end} (${timeZone}) set on ${done} orders${failed ? `, ${failed} refused` : ''}`);
  return failed;
}
