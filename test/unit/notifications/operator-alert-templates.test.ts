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

  it('count stall hours (minutes under an hour) from the last progress to the alert time, never negative', () => {
    const base = { kind: 'stall', orderCode: 'A', carrierName: 'DHL', trackingNumber: 'N', lastProgressAt: '2026-12-01T00:00:00Z' } as const;
    expect(renderOperatorAlert({ ...base, at: '2026-12-04T01:29:00Z' }).subject).toContain('for 73 h');
    expect(renderOperatorAlert({ ...base, at: '2026-11-30T00:00:00Z' }).subject).toContain('for 0 min');
    // Under an hour (dev's stall threshold is 72 h of simulator time): minutes, not "0 h".
    expect(renderOperatorAlert({ ...base, at: '2026-12-01T00:03:10Z' }).subject).toMatch(/for 3 min$/);
    expect(renderOperatorAlert({ ...base, at: '2026-12-04T00:00:00Z' }).chatText).not.toContain('|open>');
  });

  it('name the shipment whose polls fail', () => {
    const content = renderOperatorAlert({ kind: 'poll_failures', carrierName: 'UPS', orderCode: 'A-1', consecutiveFailures: 3, since: '2026-12-04T07:00:00Z', lastError: 'x', at: '2026-12-04T08:00:00Z' });
    expect(content.subject).toBe('[order-tracking] UPS polling failing for order A-1: 3 failures in a row');
    expect(content.chatText).toContain('*UPS polling failing* for order A-1');
  });

  it('say which episode ended and how long it lasted', () => {
    const polls = renderOperatorAlert({ kind: 'resolved', episode: 'poll_failures', subject: 'A-1', since: '2026-12-04T07:00:00Z', at: '2026-12-04T09:05:00Z' });
    expect(polls.subject).toBe('[order-tracking] Resolved: tracking look-ups for order A-1 work again (after 2 h 5 min)');
    expect(polls.text).toContain('episode began 2026-12-04T07:00:00Z, ended 2026-12-04T09:05:00Z');
    const stall = renderOperatorAlert({ kind: 'resolved', episode: 'stall', subject: 'A-2', since: '2026-12-01T00:00:00Z', at: '2026-12-04T06:00:00Z' });
    expect(stall.subject).toBe('[order-tracking] Resolved: order A-2 is moving again (after 3 d 6 h)');
    expect(stall.chatText).toBe(':white_check_mark: *Resolved*: order A-2 is moving again after 3 d 6 h');
  });

  it('announce a carrier outage once, and its end with the catch-up', () => {
    const raised = renderOperatorAlert({ kind: 'carrier_outage', carrierName: 'DHL', since: '2026-12-04T07:00:00Z', consecutiveFailures: 9, lastError: 'HTTP_503: down', circuitOpen: true, at: '2026-12-04T07:01:00Z' });
    expect(raised.subject).toBe('[order-tracking] DHL outage: tracking look-ups keep failing');
    expect(raised.text).toContain('Last error: HTTP_503: down (circuit breaker open)');
    expect(raised.text).toContain('Stall and poll-failure alerts for DHL shipments are held during the outage');
    const ended = renderOperatorAlert({ kind: 'resolved', episode: 'carrier_outage', subject: 'DHL', since: '2026-12-04T07:00:00Z', at: '2026-12-04T07:40:00Z', openShipments: 12 });
    expect(ended.subject).toBe('[order-tracking] Resolved: DHL answers tracking look-ups again (after 40 min)');
    expect(ended.text).toContain('12 open shipments are being polled to catch up');
  });
});
