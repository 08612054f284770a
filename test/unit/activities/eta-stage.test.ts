import { describe, expect, it } from 'vitest';
import { etaStep, inDestinationRegion } from '../../../activities/eta-stage.js';
import type { ProjectionInput } from '../../../src/db/shipments/projection-input.js';
import type { TrackingEvent } from '../../../src/domain/tracking-event.js';

const to = { line1: '1 Main St', city: 'Los Angeles', region: 'CA', postalCode: '90012', country: 'US' };

const projection = (status: ProjectionInput['status'], events: Partial<TrackingEvent>[], extra: Partial<ProjectionInput> = {}): ProjectionInput => ({
  orderCode: 'O-1',
  carrierId: 'ups',
  revision: 2,
  status,
  milestone: 'shipped',
  milestoneAt: {},
  newEvents: events.map((e, i) => ({ status, occurredAt: `2026-12-0${i + 1}T10:00:00Z`, description: '', ...e })),
  eventSource: 'webhook',
  lastEventAt: '2026-12-09T10:00:00Z',
  ...extra,
});

describe('ETA stage of a projection', () => {
  it('tells a scan in the customer region from one elsewhere: postcode, else region, else city; never another country', () => {
    expect(inDestinationRegion({ postalCode: '90012' }, to)).toBe(true);
    expect(inDestinationRegion({ region: 'ca', city: 'Fresno' }, to)).toBe(true);
    expect(inDestinationRegion({ region: 'OR', city: 'Los Angeles' }, to)).toBe(false);
    expect(inDestinationRegion({ city: 'los  angeles' }, to)).toBe(true);
    expect(inDestinationRegion({ city: 'Los Angeles', country: 'CL' }, to)).toBe(false);
    expect(inDestinationRegion({ text: 'Hub' }, to)).toBe(false);
    expect(inDestinationRegion(undefined, to)).toBe(false);
  });

  it('maps statuses to stages at the newest scan behind them', () => {
    expect(etaStep(projection('picked_up', [{ location: { region: 'OR' } }]), to)).toEqual({ kind: 'stage', stage: 'picked_up', at: '2026-12-01T10:00:00Z' });
    expect(etaStep(projection('in_transit', [{ location: { region: 'OR' } }, { location: { region: 'CA' } }]), to)).toEqual({ kind: 'stage', stage: 'in_destination_region', at: '2026-12-02T10:00:00Z' });
    expect(etaStep(projection('out_for_delivery', [{}]), to)).toEqual({ kind: 'stage', stage: 'out_for_delivery', at: '2026-12-01T10:00:00Z' });
    expect(etaStep(projection('delivery_attempted', [{}]), to)).toMatchObject({ kind: 'stage', stage: 'in_destination_region' });
    // No new scan (a carrier ETA alone): the projection's last event time.
    expect(etaStep(projection('in_transit', []), to)).toEqual({ kind: 'stage', stage: 'picked_up', at: '2026-12-09T10:00:00Z' });
    expect(etaStep(projection('delivered', [{}], { deliveredAt: '2026-12-05T18:00:00Z' }), to)).toEqual({ kind: 'delivered', at: '2026-12-05T18:00:00Z' });
    expect(etaStep(projection('label_created', [{}]), to)).toEqual({ kind: 'none' });
    expect(etaStep(projection('exception', [{}]), to)).toEqual({ kind: 'none' });
  });
});
