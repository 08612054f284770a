import { describe, expect, it } from 'vitest';
import { renderOperatorAlert } from '../../../src/notifications/templates/operator-alerts.js';

describe('operator alert templates', () => {
  it('describe repeated poll failures without a chat link when there is none', () => {
    const content = renderOperatorAlert({
      kind: 'poll_failures',
      carrierName: 'FedEx',
      consecutiveFailures: 7,
      since: '2026-12-04T07:00:00.000Z',
      lastError: 'carrier_unavailable: 503',
      affectedShipments: 120,
      at: '2026-12-04T08:00:00.000Z',
    });
    expect(content.subject).toBe('[order-tracking] FedEx polling failing: 7 failures in a row');
    expect(content.text).toContain('Last error: carrier_unavailable: 503');
    expect(content.text).toContain('Shipments waiting for news: 120');
    expect(content.chatText).toBe(':rotating_light: *FedEx polling failing*: 7 failures since 2026-12-04T07:00:00.000Z (last: carrier_unavailable: 503)');
  });

  it('count stall hours from the last progress to the alert time, never negative', () => {
    const base = { kind: 'stall', orderCode: 'A', carrierName: 'DHL', trackingNumber: 'N', lastProgressAt: '2026-12-01T00:00:00Z' } as const;
    expect(renderOperatorAlert({ ...base, at: '2026-12-04T01:29:00Z' }).subject).toContain('for 73 h');
    expect(renderOperatorAlert({ ...base, at: '2026-11-30T00:00:00Z' }).subject).toContain('for 0 h');
    expect(renderOperatorAlert({ ...base, at: '2026-12-04T00:00:00Z' }).chatText).not.toContain('|open>');
  });

  it('say which episode ended', () => {
    const content = renderOperatorAlert({ kind: 'resolved', episode: 'poll_failures', subject: 'FedEx', since: '2026-12-04T07:00:00Z', at: '2026-12-04T09:00:00Z' });
    expect(content.subject).toBe('[order-tracking] Resolved: FedEx polling works again');
    expect(content.text).toContain('2 h');
  });
});
