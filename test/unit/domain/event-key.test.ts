import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventKey, formatInstant, parseInstant, sortEvents } from '../../../src/domain/index.js';
import { ev } from './events.js';

describe('parseInstant / formatInstant', () => {
  it('reads offsets and agrees with Date.parse on full ISO date-times', () => {
    for (const iso of ['2024-01-01T10:00:00-05:00', '2024-01-01T15:00:00Z', '2024-02-29T23:59:59.999+05:30', '1999-12-31T23:00:00+0100']) {
      expect(parseInstant(iso)).toBe(Date.parse(iso));
    }
    expect(parseInstant('2024-01-01T10:00:00-05:00')).toBe(parseInstant('2024-01-01T15:00:00Z'));
  });

  it('reads a date-time without offset as UTC, whatever the host time zone', () => {
    expect(parseInstant('2024-01-01T10:00:00')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseInstant('2024-03-04')).toBe(Date.UTC(2024, 2, 4));
    expect(parseInstant('2024-01-01T10:00:00.1234567Z')).toBe(Date.UTC(2024, 0, 1, 10, 0, 0, 123));
  });

  it('rejects impossible or non-ISO input', () => {
    for (const bad of ['2024-02-30T00:00:00Z', '2023-02-29', '2024-01-01T24:00:00Z', 'March 7, 2024', '', '2024-01-01T10:00:00+25:00']) {
      expect(parseInstant(bad)).toBeNaN();
    }
  });

  it('round-trips with toISOString over the whole 0001..9999 range', () => {
    const min = Date.parse('0001-01-01T00:00:00Z');
    const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(formatInstant(ms)).toBe(iso);
        expect(parseInstant(iso)).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });
});

describe('eventKey', () => {
  it('treats the same instant written with different offsets as one event', () => {
    const a = ev('in_transit', 0, { occurredAt: '2024-01-01T10:00:00-05:00', location: { city: 'Memphis' } });
    const b = ev('in_transit', 0, { occurredAt: '2024-01-01T15:00:00Z', location: { city: ' MEMPHIS ' } });
    expect(eventKey(a)).toBe(eventKey(b));
  });

  it('prefers the carrier event id and ignores the description', () => {
    const a = ev('in_transit', 1, { carrierEventId: 'x-1' });
    expect(eventKey(a)).toBe(eventKey({ ...ev('delivered', 5), carrierEventId: 'x-1' }));
    expect(eventKey(ev('in_transit', 1))).toBe(eventKey({ ...ev('in_transit', 1), description: 'reworded' }));
  });

  it('tells apart status, instant and location', () => {
    const keys = new Set(
      [ev('in_transit', 1), ev('picked_up', 1), ev('in_transit', 2), ev('in_transit', 1, { location: { text: 'Hub' } })].map(eventKey),
    );
    expect(keys.size).toBe(4);
  });
});

describe('sortEvents', () => {
  it('orders by instant, then along the path at the same instant, whatever the input order', () => {
    const events = [ev('delivered', 3), ev('exception', 2), ev('in_transit', 2), ev('label_created', 1)];
    const sorted = sortEvents(events).map((e) => e.status);
    expect(sorted).toEqual(['label_created', 'in_transit', 'exception', 'delivered']);
    expect(sortEvents([...events].reverse()).map((e) => e.status)).toEqual(sorted);
  });
});
