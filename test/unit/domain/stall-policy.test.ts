import { describe, expect, it } from 'vitest';
import { applyEvents, applyManualStatus, initialShipmentState, isStalled, stallDeadlineMs } from '../../../src/domain/index.js';
import { ev, NOW1, NOW2, T0 } from './events.js';

const H72 = 72 * 3_600_000;
const start = initialShipmentState(T0);

describe('stall policy', () => {
  it('puts the deadline threshold after the last progress', () => {
    expect(stallDeadlineMs(start, H72)).toBe(Date.parse(T0) + H72);
    expect(isStalled(start, Date.parse(T0) + H72 - 1, H72)).toBe(false);
    expect(isStalled(start, Date.parse(T0) + H72, H72)).toBe(true);
  });

  it('recomputes the deadline when progress is made, not on mere scans', () => {
    const s1 = applyEvents(start, [ev('in_transit', 2)], NOW1).state;
    expect(stallDeadlineMs(s1, H72)).toBe(Date.parse(NOW1) + H72);
    const s2 = applyEvents(s1, [ev('in_transit', 5, { location: { city: 'Hub' } }), ev('unknown', 6)], NOW2).state;
    expect(stallDeadlineMs(s2, H72)).toBe(Date.parse(NOW1) + H72);
    const s3 = applyEvents(s2, [ev('out_for_delivery', 7)], NOW2).state;
    expect(stallDeadlineMs(s3, H72)).toBe(Date.parse(NOW2) + H72);
  });

  it('keeps running through an exception', () => {
    const s = applyEvents(applyEvents(start, [ev('in_transit', 1)], NOW1).state, [ev('exception', 3)], NOW2).state;
    expect(stallDeadlineMs(s, H72)).toBe(Date.parse(NOW1) + H72);
  });

  it('never moves lastProgressAt backwards', () => {
    const s = applyEvents(start, [ev('in_transit', 1)], NOW2).state;
    const r = applyEvents(s, [ev('delivered', 2)], NOW1);
    expect(r.progressed).toBe(true);
    expect(r.state.lastProgressAt).toBe(NOW2);
  });

  it('has no deadline once delivered, returned or cancelled', () => {
    expect(stallDeadlineMs(applyEvents(start, [ev('delivered', 1)], NOW1).state, H72)).toBeNull();
    expect(stallDeadlineMs(applyEvents(start, [ev('returned_to_sender', 1)], NOW1).state, H72)).toBeNull();
    expect(stallDeadlineMs(applyManualStatus(start, 'cancelled', NOW1).state, H72)).toBeNull();
    expect(isStalled(applyManualStatus(start, 'cancelled', NOW1).state, Number.MAX_SAFE_INTEGER, H72)).toBe(false);
    expect(stallDeadlineMs({ ...start, lastProgressAt: null }, H72)).toBeNull();
  });
});
