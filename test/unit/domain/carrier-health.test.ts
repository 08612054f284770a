import { describe, expect, it } from 'vitest';
import { catchUpPace, durationWords, holdsShipmentAlerts, reachesOutage } from '../../../src/domain/carrier-health.js';

describe('carrier health rules', () => {
  const policy = { failedPolls: 6, minShipments: 2 };

  it('call it an outage only when enough failures in a row come from enough shipments', () => {
    expect(reachesOutage({ consecutiveFailures: 6, failingShipments: 2 }, policy)).toBe(true);
    expect(reachesOutage({ consecutiveFailures: 40, failingShipments: 1 }, policy)).toBe(false);
    expect(reachesOutage({ consecutiveFailures: 5, failingShipments: 5 }, policy)).toBe(false);
  });

  it('hold shipment alerts during the outage and its catch-up only', () => {
    expect(holdsShipmentAlerts('outage')).toBe(true);
    expect(holdsShipmentAlerts('recovering')).toBe(true);
    expect(holdsShipmentAlerts('healthy')).toBe(false);
    expect(holdsShipmentAlerts(undefined)).toBe(false);
  });

  it('pace catch-up polls as batches a second, or one per slot below one a second', () => {
    expect(catchUpPace({ limit: 60, windowMs: 60_000 })).toEqual({ batchSize: 1, pauseMs: 1000 });
    expect(catchUpPace({ limit: 600, windowMs: 60_000 })).toEqual({ batchSize: 10, pauseMs: 1000 });
    expect(catchUpPace({ limit: 10, windowMs: 60_000 })).toEqual({ batchSize: 1, pauseMs: 6000 });
  });

  it('say durations in words an operator reads at a glance', () => {
    expect(durationWords(12_400)).toBe('12 s');
    expect(durationWords(45 * 60_000)).toBe('45 min');
    expect(durationWords(3 * 3_600_000)).toBe('3 h');
    expect(durationWords(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(durationWords(50 * 3_600_000)).toBe('2 d 2 h');
    expect(durationWords(-5)).toBe('0 s');
  });
});
