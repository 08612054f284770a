import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  initialShipmentState,
  MAX_EVENTS,
  type ShipmentState,
  type TrackingEvent,
} from '../../../src/domain/index.js';
import { ev, NOW1, NOW2, NOW3, T0 } from './events.js';

const start = initialShipmentState(T0);
const run = (...batches: TrackingEvent[][]): ShipmentState =>
  batches.reduce((state, batch, i) => applyEvents(state, batch, `2024-03-1${i}T00:00:00.000Z`).state, start);

describe('applyEvents', () => {
  it('starts as a received order', () => {
    const expected = { status: 'order_received', milestone: 'order_received', lastProgressAt: T0, cancelled: false };
    expect(start).toMatchObject(expected);
    expect(JSON.parse(JSON.stringify(start))).toStrictEqual(start);
  });

  it('moves forward and records the milestones it passes', () => {
    const r = applyEvents(start, [ev('in_transit', 3), ev('label_created', 1), ev('picked_up', 2)], NOW1);
    expect(r.to).toBe('in_transit');
    expect(r.statusChanged).toBe(true);
    expect(r.accepted.map((e) => e.status)).toEqual(['label_created', 'picked_up', 'in_transit']);
    expect(r.reachedMilestones).toEqual(['in_preparation', 'shipped']);
    expect(r.state.milestoneAt.shipped).toBe(ev('picked_up', 2).occurredAt);
    expect(r.state.lastEventAt).toBe(ev('in_transit', 3).occurredAt);
    expect(r.state.lastProgressAt).toBe(NOW1);
    expect(JSON.parse(JSON.stringify(r.state))).toStrictEqual(r.state);
  });

  it('never moves the status back for a late event', () => {
    const s1 = applyEvents(start, [ev('out_for_delivery', 5)], NOW1).state;
    const r = applyEvents(s1, [ev('in_transit', 3)], NOW2);
    expect(r.to).toBe('out_for_delivery');
    expect(r.statusChanged).toBe(false);
    expect(r.progressed).toBe(false);
    expect(r.state.lastProgressAt).toBe(NOW1);
    expect(r.state.events.map((e) => e.status)).toEqual(['in_transit', 'out_for_delivery']);
    expect(r.reachedMilestones).toEqual([]);
  });

  it('ignores duplicates, within a batch and across batches', () => {
    const scan = ev('in_transit', 3, { location: { city: 'Memphis' } });
    const same = { ...scan, occurredAt: '2024-02-29T22:00:00-05:00', location: { city: 'memphis ' }, description: 'x' };
    const r1 = applyEvents(start, [scan, scan, same], NOW1);
    expect(r1.accepted).toHaveLength(1);
    const r2 = applyEvents(r1.state, [same, { ...ev('delivered', 9), carrierEventId: 'd1' }], NOW2);
    const r3 = applyEvents(r2.state, [{ ...ev('delivered', 9), carrierEventId: 'd1', description: 'again' }], NOW3);
    expect(r2.accepted.map((e) => e.status)).toEqual(['delivered']);
    expect(r3.accepted).toEqual([]);
    expect(r3.state).toBe(r2.state);
  });

  it('keeps delivered terminal except for a later return', () => {
    const after = [ev('exception', 6), ev('in_transit', 7), ev('cancelled', 8)];
    expect(run([ev('delivered', 5)], after).status).toBe('delivered');
    const returned = run([ev('delivered', 5)], [ev('returned_to_sender', 9)]);
    expect(returned.status).toBe('returned_to_sender');
    expect(returned.deliveredAt).toBeUndefined();
    // A return dated before the delivery is superseded by the delivery.
    const s = run([ev('returned_to_sender', 4)], [ev('delivered', 5)]);
    expect(s).toMatchObject({ status: 'delivered', deliveredAt: ev('delivered', 5).occurredAt });
  });

  it('shows an exception while it is newest, and a later forward event clears it', () => {
    const s1 = applyEvents(start, [ev('in_transit', 2)], NOW1).state;
    const r2 = applyEvents(s1, [ev('exception', 3, { subStatus: 'customs_hold' })], NOW2);
    expect(r2.state).toMatchObject({ status: 'exception', subStatus: 'customs_hold', progressRank: 4 });
    expect(r2.progressed).toBe(false);
    expect(r2.state.exceptionEpisodes).toBe(1);
    const r3 = applyEvents(r2.state, [ev('picked_up', 4)], NOW3); // older-looking scan: does not clear
    expect(r3.to).toBe('exception');
    const r4 = applyEvents(r3.state, [ev('in_transit', 5)], NOW3);
    expect(r4.to).toBe('in_transit');
    expect(r4.state.subStatus).toBeUndefined();
    expect(r4.progressed).toBe(true);
    expect(r4.state.lastProgressAt).toBe(NOW3);
  });

  it('shows a failed attempt until the next last-mile event', () => {
    const s = run([ev('out_for_delivery', 8), ev('delivery_attempted', 12, { subStatus: 'attempt_failed' })]);
    expect(s).toMatchObject({ status: 'delivery_attempted', subStatus: 'attempt_failed' });
    expect(s.milestone).toBe('out_for_delivery');
    const retried = run([ev('out_for_delivery', 8), ev('delivery_attempted', 12)], [ev('out_for_delivery', 20)]);
    expect(retried.status).toBe('out_for_delivery');
    expect(run([ev('delivery_attempted', 12)], [ev('in_transit', 14)]).status).toBe('delivery_attempted');
  });

  it('keeps unknown events in the timeline without changing the status', () => {
    const r = applyEvents(applyEvents(start, [ev('in_transit', 2)], NOW1).state, [ev('unknown', 3)], NOW2);
    expect(r.to).toBe('in_transit');
    expect(r.accepted).toHaveLength(1);
    expect(r.state.events).toHaveLength(2);
    expect(r.state.lastEventAt).toBe(ev('unknown', 3).occurredAt);
  });

  it('reaches only milestones actually passed, plus shipped, on a jump', () => {
    const s1 = applyEvents(start, [ev('label_created', 1)], NOW1).state;
    const r = applyEvents(s1, [ev('delivered', 9)], NOW2);
    expect(r.reachedMilestones).toEqual(['shipped', 'delivered']);
    expect(r.state.milestoneAt.out_for_delivery).toBeUndefined();
    // A late out-for-delivery scan fills the timeline but is not announced after the delivery.
    const late = applyEvents(r.state, [ev('out_for_delivery', 7)], NOW3);
    expect(late.state.milestoneAt.out_for_delivery).toBe(ev('out_for_delivery', 7).occurredAt);
    expect(late.reachedMilestones).toEqual([]);
  });

  it('follows a carrier cancellation, which only a delivery dated before it overrides', () => {
    const cancelled = run([ev('label_created', 1), ev('cancelled', 2)], [ev('in_transit', 5)]);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelled: true });
    expect(run([ev('cancelled', 2)], [ev('delivered', 1)]).status).toBe('delivered');
  });

  it('replaces the carrier ETA and ignores unparseable timestamps', () => {
    const r = applyEvents(start, [{ ...ev('in_transit', 1), occurredAt: 'yesterday' }], NOW1, { date: '2024-03-05' });
    expect(r.rejected).toHaveLength(1);
    expect(r.state.events).toEqual([]);
    expect(r.state.carrierEta).toEqual({ date: '2024-03-05' });
    expect(applyEvents(r.state, [], NOW2, { date: '2024-03-06' }).state.carrierEta).toEqual({ date: '2024-03-06' });
  });

  it('caps the timeline at MAX_EVENTS and still folds the dropped events', () => {
    const t = Date.UTC(2024, 2, 1);
    const many = Array.from({ length: MAX_EVENTS + 100 }, (_, i) => {
      const occurredAt = new Date(t + i * 60_000).toISOString();
      return ev(i === 0 ? 'picked_up' : 'unknown', 0, { occurredAt, carrierEventId: `e${i}` });
    });
    const r = applyEvents(start, many, NOW1);
    expect(r.state.events).toHaveLength(MAX_EVENTS);
    expect(r.state.status).toBe('picked_up');
    expect(r.state.archivedThrough).toBe(many[99]?.occurredAt);
    const stale = applyEvents(r.state, [ev('delivered', 0, { occurredAt: many[5]?.occurredAt })], NOW2);
    expect(stale.rejected).toHaveLength(1);
    expect(applyEvents(r.state, [ev('in_transit', 23)], NOW2).state.status).toBe('in_transit');
  });
});
