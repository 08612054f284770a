import { describe, expect, it } from 'vitest';
import { normalizeBody as normalizeAfterShip } from '../../../src/carriers/aftership/index.js';
import { normalizeBody as normalizeEasyPost } from '../../../src/carriers/easypost/index.js';
import { normalizeBody as normalizeShippo } from '../../../src/carriers/shippo/index.js';
import { withSummaryStatus } from '../../../src/carriers/summary-status.js';
import { foldEvents, initialFold } from '../../../src/domain/status-fold.js';
import { sortEvents } from '../../../src/domain/event-order.js';
import type { TrackingEvent, TrackingUpdate } from '../../../src/domain/tracking-event.js';

const OFD_AT = '2024-05-06T08:10:00Z';
const INTRANSIT_AT = '2024-05-05T19:00:00Z';

/** The status a shipment shows after the reducer folds the update's events in timeline order. */
const shown = (update: TrackingUpdate | undefined) => foldEvents(initialFold('2024-05-01T00:00:00Z'), sortEvents(update?.events ?? [])).status;

const easyPostTracker = (status: string, details: Array<[string, string]>) =>
  JSON.stringify({
    object: 'Event',
    id: 'evt_lag',
    description: 'tracker.updated',
    result: {
      object: 'Tracker',
      tracking_code: 'EZ4000000004',
      status,
      updated_at: '2024-05-06T15:00:00Z',
      tracking_details: details.map(([s, datetime]) => ({ object: 'TrackingDetail', message: s, status: s, datetime })),
    },
  });

const afterShipTracking = (tag: string, checkpoints: Array<[string, string]>) =>
  JSON.stringify({
    event: 'tracking_update',
    event_id: '6b1f3c3e-9a39-4c4e-8d51-3d8f6f0e1a01',
    msg: { tracking_number: 'AS123456789', slug: 'usps', tag, checkpoints: checkpoints.map(([t, checkpoint_time]) => ({ tag: t, message: t, checkpoint_time })) },
    ts: 1714982400,
  });

const shippoTrack = (status: string, statusDate: string | null, history: Array<[string, string, string?]>) =>
  JSON.stringify({
    event: 'track_updated',
    test: true,
    data: {
      carrier: 'usps',
      tracking_number: '9205590164917312751089',
      tracking_status: { object_id: 'st-latest', status, status_details: `now ${status}`, status_date: statusDate },
      tracking_history: history.map(([s, date, substatus]) => ({
        object_id: `st-${s}-${date}`,
        status: s,
        status_details: s,
        status_date: date,
        ...(substatus ? { substatus: { code: substatus, text: substatus } } : {}),
      })),
    },
  });

describe('an aggregator summary ahead of its scan list wins', () => {
  it('EasyPost: tracker delivered, newest detail out_for_delivery → delivered', () => {
    const [update] = normalizeEasyPost(easyPostTracker('delivered', [['in_transit', INTRANSIT_AT], ['out_for_delivery', OFD_AT]]));
    expect(update?.events.at(-1)).toEqual({ status: 'delivered', occurredAt: OFD_AT, description: 'EasyPost tracker status: delivered', carrierCode: 'delivered' });
    expect(shown(update)).toBe('delivered');
  });

  it('AfterShip: tag Delivered, newest checkpoint OutForDelivery → delivered', () => {
    const [update] = normalizeAfterShip(afterShipTracking('Delivered', [['InTransit', '2024-05-05T19:00:00'], ['OutForDelivery', '2024-05-06T08:10:00']]));
    expect(update?.events.at(-1)).toMatchObject({ status: 'delivered', occurredAt: '2024-05-06T08:10:00', carrierCode: 'Delivered' });
    expect(shown(update)).toBe('delivered');
  });

  it('Shippo: tracking_status DELIVERED without a date, history ends at TRANSIT → delivered', () => {
    const [update] = normalizeShippo(shippoTrack('DELIVERED', null, [['PRE_TRANSIT', INTRANSIT_AT], ['TRANSIT', OFD_AT]]));
    expect(update?.events.at(-1)).toMatchObject({ status: 'delivered', occurredAt: OFD_AT, description: 'now DELIVERED', carrierCode: 'DELIVERED' });
    expect(shown(update)).toBe('delivered');
  });

  it('adds nothing when the scans already agree with the summary or are ahead of it', () => {
    const agree = normalizeEasyPost(easyPostTracker('delivered', [['out_for_delivery', INTRANSIT_AT], ['delivered', OFD_AT]]))[0];
    expect(agree?.events.map((e) => e.status)).toEqual(['out_for_delivery', 'delivered']);
    // The summary lags the scans (tracker still in_transit, a scan already out for delivery): the scan stands.
    const behind = normalizeAfterShip(afterShipTracking('InTransit', [['InTransit', '2024-05-05T19:00:00'], ['OutForDelivery', '2024-05-06T08:10:00']]))[0];
    expect(behind?.events.map((e) => e.status)).toEqual(['in_transit', 'out_for_delivery']);
    expect(shown(behind)).toBe('out_for_delivery');
    // Shippo's dated tracking_status already in the events: nothing more.
    const dated = normalizeShippo(shippoTrack('TRANSIT', OFD_AT, [['PRE_TRANSIT', INTRANSIT_AT]]))[0];
    expect(dated?.events.map((e) => e.status)).toEqual(['label_created', 'in_transit']);
  });

  it('the added event is the same on every repeat (same de-duplication key), whatever updated_at says', () => {
    const first = normalizeEasyPost(easyPostTracker('delivered', [['out_for_delivery', OFD_AT]]))[0];
    const again = normalizeEasyPost(easyPostTracker('delivered', [['out_for_delivery', OFD_AT]]).replace('2024-05-06T15:00:00Z', '2024-05-06T16:30:00Z'))[0];
    expect(again?.events).toEqual(first?.events);
  });
});

describe('withSummaryStatus', () => {
  const scan = (status: TrackingEvent['status'], occurredAt: string): TrackingEvent => ({ status, occurredAt, description: status });

  it('adds an exception summary beside progress, and ignores an unknown summary or an empty list', () => {
    const events = [scan('in_transit', INTRANSIT_AT)];
    expect(withSummaryStatus(events, { status: 'exception', subStatus: 'lost', description: 'lost' }).at(-1)).toEqual({
      status: 'exception',
      subStatus: 'lost',
      occurredAt: INTRANSIT_AT,
      description: 'lost',
    });
    expect(withSummaryStatus(events, { status: 'unknown', description: '?' })).toBe(events);
    expect(withSummaryStatus([], { status: 'delivered', description: 'd' })).toEqual([]);
  });

  it('places the summary at the newest telling scan, skipping unknown ones', () => {
    const events = [scan('out_for_delivery', OFD_AT), scan('unknown', '2024-05-07T00:00:00Z'), scan('in_transit', INTRANSIT_AT)];
    expect(withSummaryStatus(events, { status: 'delivered', description: 'd' }).at(-1)?.occurredAt).toBe(OFD_AT);
  });
});
