import { describe, expect, it } from 'vitest';
import { etaForDisplay } from '../../../src/eta/eta-display.js';

const estimate = { date: '2026-12-08', earliest: '2026-12-04', latest: '2026-12-10', promisedDate: '2026-12-11', arrivesBy: '2026-12-11', source: 'prior' as const };

describe('the estimate as shown', () => {
  it('is the plan until the end of its range passes on the customer calendar, then overdue', () => {
    // 2026-12-11T05:00Z is still the 10th in Los Angeles, already the 11th in UTC.
    expect(etaForDisplay(estimate, 'America/Los_Angeles', new Date('2026-12-11T05:00:00Z'))?.state).toBe('planned');
    expect(etaForDisplay(estimate, 'UTC', new Date('2026-12-11T05:00:00Z'))?.state).toBe('overdue');
  });

  it('says "new date" after a revision moved it, and whether the purchase promise moved', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(etaForDisplay(estimate, 'UTC', now)).toMatchObject({ newDate: false, promiseMoved: false });
    const revised = { ...estimate, date: '2026-12-14', latest: '2026-12-15', arrivesBy: '2026-12-15', reasonCode: 'picked_up+carrier_eta+late', reason: 'picked up by the carrier; carrier expects 2026-12-15; later than promised (2026-12-11)' };
    expect(etaForDisplay(revised, 'UTC', now)).toMatchObject({ newDate: true, promiseMoved: true, promisedDate: '2026-12-11', arrivesBy: '2026-12-15', reason: expect.stringContaining('later than promised') });
    expect(etaForDisplay(undefined, 'UTC', now)).toBeUndefined();
  });
});
