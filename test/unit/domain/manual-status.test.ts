import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  applyManualStatus,
  canApplyManualStatus,
  initialShipmentState,
} from '../../../src/domain/index.js';
import { ev, NOW1, NOW2, NOW3, T0 } from './events.js';

const start = initialShipmentState(T0);

describe('applyManualStatus', () => {
  it('marks an order in preparation before any carrier progress only', () => {
    const r = applyManualStatus(start, 'in_preparation', NOW1);
    expect(r.state).toMatchObject({ status: 'in_preparation', milestone: 'in_preparation', lastProgressAt: NOW1 });
    expect(r.reachedMilestones).toEqual(['in_preparation']);
    const later = applyEvents(r.state, [ev('order_received', 1), ev('label_created', 2)], NOW2);
    expect(later.to).toBe('label_created');
    const shipped = applyEvents(start, [ev('in_transit', 1)], NOW1).state;
    expect(canApplyManualStatus(shipped, 'in_preparation')).toBe(false);
    expect(applyManualStatus(shipped, 'in_preparation', NOW2).state).toBe(shipped);
  });

  it('cancels for good: later carrier events are recorded but change nothing', () => {
    const s1 = applyEvents(start, [ev('label_created', 1)], NOW1).state;
    const c = applyManualStatus(s1, 'cancelled', NOW2);
    expect(c).toMatchObject({ from: 'label_created', to: 'cancelled', statusChanged: true });
    const r = applyEvents(c.state, [ev('in_transit', 3), ev('delivered', 5)], NOW3);
    expect(r.state).toMatchObject({ status: 'cancelled', cancelled: true, milestone: 'in_preparation' });
    expect(r.state.lastProgressAt).toBe(NOW1);
    expect(r.accepted).toHaveLength(2);
    expect(r.state.events).toHaveLength(3);
    expect(r).toMatchObject({ statusChanged: false, reachedMilestones: [], progressed: false });
  });

  it('refuses to cancel a delivered shipment (no-op)', () => {
    const delivered = applyEvents(start, [ev('delivered', 5)], NOW1).state;
    expect(canApplyManualStatus(delivered, 'cancelled')).toBe(false);
    expect(applyManualStatus(delivered, 'cancelled', NOW1).state).toBe(delivered);
  });
});
