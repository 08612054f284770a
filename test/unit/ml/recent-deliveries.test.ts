import { describe, expect, it } from 'vitest';
import { RecentDeliveries } from '../../../ml/recent-deliveries.js';
import { purchase } from './fixtures.js';

const DAY = 86_400_000;
const delivery = (orderId: string, deliveredMs: number) => ({ input: purchase({ orderId }), deliveredAt: new Date(deliveredMs).toISOString() });
const t0 = Date.parse('2026-06-01T12:00:00Z');

describe('RecentDeliveries: what a serving process counted, by order', () => {
  it('refuses an order it already holds and lists oldest delivery first', () => {
    const r = new RecentDeliveries(100);
    expect(r.remember(delivery('b', t0 + DAY))).toBe(true);
    expect(r.remember(delivery('a', t0))).toBe(true);
    expect(r.remember(delivery('a', t0 + 5 * DAY))).toBe(false);
    expect(r.list().map((d) => d.input.orderId)).toEqual(['a', 'b']);
  });

  it('keeps at most the cap, the newest deliveries', () => {
    const r = new RecentDeliveries(10);
    for (let i = 0; i < 25; i += 1) r.remember(delivery(`o${i}`, t0 + i * 60_000));
    expect(r.size).toBeLessThanOrEqual(10);
    expect(r.has('o24')).toBe(true);
    expect(r.has('o0')).toBe(false);
  });

  it('drops deliveries older than the window before the newest one', () => {
    const r = new RecentDeliveries(5000, 10 * DAY);
    r.remember(delivery('old', t0));
    for (let i = 0; i < 1000; i += 1) r.remember(delivery(`n${i}`, t0 + 20 * DAY + i));
    expect(r.has('old')).toBe(false);
    expect(r.has('n999')).toBe(true);
  });
});
