import { describe, expect, it } from 'vitest';
import { TERMINAL_STATUSES } from '../../../src/domain/status-rank.js';
import { isLate, situationOf } from '../../../src/web/tracking/tracking-model.js';
import { demoOrders } from './support/demo-orders.js';

describe('the tracking page\'s "late"', () => {
  // In transit, promised and estimated for 2026-12-04 (that day ends at the latest 12:00 UTC on the 5th).
  const view = demoOrders()[0]!.view;
  const afterPromise = Date.parse('2026-12-10T00:00:00Z');

  it('an order under way past its promise is late; one in any of the domain\'s terminal statuses never is', () => {
    expect(view.status).toBe('in_transit');
    expect(isLate(view, Date.parse('2026-12-04T12:00:00Z'))).toBe(false);
    expect(isLate(view, afterPromise)).toBe(true);
    expect(situationOf(view, afterPromise)).toBe('late');
    for (const status of TERMINAL_STATUSES) expect(isLate({ ...view, status }, afterPromise), status).toBe(false);
    // Delivered without its delivery time on the view: finished all the same, so no side situation at all.
    expect(situationOf({ ...view, status: 'delivered', deliveredAt: undefined }, afterPromise)).toBeUndefined();
  });
});
