import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  applyManualStatus,
  initialShipmentState,
  milestoneForStatus,
  timeline,
} from '../../../src/domain/index.js';
import { ev, NOW1, NOW2, T0 } from './events.js';

const start = initialShipmentState(T0);

describe('milestoneForStatus', () => {
  it('maps carrier statuses to customer milestones', () => {
    expect(milestoneForStatus('label_created')).toBe('in_preparation');
    expect(milestoneForStatus('picked_up')).toBe('shipped');
    expect(milestoneForStatus('in_transit')).toBe('shipped');
    expect(milestoneForStatus('available_for_pickup')).toBe('out_for_delivery');
    expect(milestoneForStatus('delivery_attempted')).toBe('out_for_delivery');
    expect(milestoneForStatus('delivered')).toBe('delivered');
    for (const side of ['exception', 'unknown', 'cancelled', 'returned_to_sender'] as const) {
      expect(milestoneForStatus(side)).toBeUndefined();
    }
  });
});

describe('timeline', () => {
  it('shows a new order', () => {
    expect(timeline(start)).toEqual({
      milestones: [
        { milestone: 'order_received', reached: true, at: T0 },
        { milestone: 'in_preparation', reached: false },
        { milestone: 'shipped', reached: false },
        { milestone: 'out_for_delivery', reached: false },
        { milestone: 'delivered', reached: false },
      ],
    });
  });

  it('fills skipped steps as reached without a time, and shows side states beside', () => {
    const s = applyEvents(start, [ev('delivery_attempted', 9, { subStatus: 'attempt_failed' })], NOW1).state;
    const view = timeline(s);
    expect(view.sideState).toBe('delivery_attempted');
    expect(view.milestones.map((m) => [m.milestone, m.reached, m.at])).toEqual([
      ['order_received', true, T0],
      ['in_preparation', true, undefined],
      ['shipped', true, ev('delivery_attempted', 9).occurredAt],
      ['out_for_delivery', true, ev('delivery_attempted', 9).occurredAt],
      ['delivered', false, undefined],
    ]);
  });

  it('shows exceptions, returns and cancellations as side states', () => {
    const exception = applyEvents(start, [ev('in_transit', 1), ev('exception', 2)], NOW1).state;
    expect(timeline(exception).sideState).toBe('exception');
    const returned = applyEvents(exception, [ev('returned_to_sender', 9)], NOW2).state;
    expect(timeline(returned).sideState).toBe('returned_to_sender');
    expect(timeline(applyManualStatus(start, 'cancelled', NOW1).state).sideState).toBe('cancelled');
    expect(timeline(applyEvents(start, [ev('in_transit', 1)], NOW1).state).sideState).toBeUndefined();
  });
});
