import { describe, expect, it } from 'vitest';
import { mapFedexTrackV7Body } from '../../../src/carriers/legacy/fedex-track-v7.js';
import { mapFedexV7Event } from '../../../src/carriers/legacy/fedex-track-v7-status.js';
import { usClockTo24h, usLongDateToIso } from '../../../src/carriers/legacy/us-dates.js';
import { mapUspsTrackV2Body } from '../../../src/carriers/legacy/usps-track-v2.js';
import type { TrackingUpdate } from '../../../src/domain/tracking-event.js';
import { readCarrierFixtureText } from '../../support/carrier-fixtures.js';

// Legacy (retired API) XML from Shopify/active_shipping (MIT), copied into test/fixtures/carriers/legacy.
const fixture = (name: string): string => readCarrierFixtureText(`legacy/${name}`);

/** Compact view: `status[/sub]@occurredAt[code]` per event, plus number/notFound/eta. */
function summary(updates: TrackingUpdate[]) {
  return updates.map((u) => ({
    n: u.trackingNumber,
    ...(u.notFound ? { notFound: true } : {}),
    ...(u.eta ? { eta: u.eta.date } : {}),
    events: u.events.map((e) => `${e.status}${e.subStatus ? `/${e.subStatus}` : ''}@${e.occurredAt}[${e.carrierCode ?? ''}]`),
  }));
}

const fedex = (name: string) => mapFedexTrackV7Body(fixture(`fedex-web-services-xml/${name}`));
const usps = (name: string) => mapUspsTrackV2Body(fixture(`usps-web-tools-xml/${name}`));

describe('FedEx Web Services Track v7', () => {
  it('in transit: offsets kept, location and exception reason read', () => {
    expect(fedex('tracking_response_in_transit.xml')).toEqual([{
      trackingNumber: '123456789012',
      events: [{
        status: 'in_transit',
        occurredAt: '2014-11-18T18:13:00+11:00',
        description: 'In transit: Package available for clearance',
        location: { city: 'ALEXANDRIA', postalCode: '2015', country: 'AU' },
        carrierCode: 'IT',
      }],
    }]);
  });

  it('delivered at door: full history, newest first, mixed offsets kept as given', () => {
    expect(summary(fedex('tracking_response_delivered_at_door.xml'))[0]?.events).toEqual([
      'delivered@2014-01-08T12:53:10-08:00[DL]',
      'out_for_delivery@2014-01-08T06:33:00-08:00[OD]',
      'in_transit@2014-01-08T05:46:00-08:00[AR]',
      'in_transit@2014-01-08T02:15:57-08:00[IT]',
      'in_transit@2014-01-07T21:54:07-08:00[DP]',
      'in_transit@2014-01-07T20:14:00-08:00[AR]',
      'in_transit@2014-01-04T14:30:17-05:00[DP]',
      'in_transit@2014-01-04T00:43:00-05:00[AR]',
      'label_created@2014-01-03T15:03:00-05:00[OC]',
      'in_transit@2014-01-03T00:00:00[PU]',
    ]);
  });

  it('delivered at facility: hold for pickup, repeated delivery exceptions, unknown RR kept as unknown', () => {
    const events = summary(fedex('tracking_response_delivered_at_facility.xml'))[0]?.events ?? [];
    expect(events.slice(0, 2)).toEqual(['delivered@2014-01-08T18:03:00-08:00[DL]', 'available_for_pickup@2014-01-08T15:23:00-08:00[HP]']);
    expect(events).toContain('exception@2014-01-07T11:22:33-08:00[DE]');
    expect(events).toContain('unknown@2014-01-05T19:19:19-08:00[RR]');
    expect(events).toHaveLength(19);
  });

  it('delivered with signature and with a blank state', () => {
    expect(summary(fedex('tracking_response_delivered_with_signature.xml'))[0]?.events[0]).toBe('delivered@2014-01-02T13:23:29-05:00[DL]');
    expect(fedex('tracking_response_with_blank_state.xml')[0]?.events).toEqual([
      { status: 'delivered', occurredAt: '2014-05-08T19:02:00+00:00', description: 'Delivered', location: { city: 'SAITAMA', postalCode: '34800', country: 'JP' }, carrierCode: 'DL' },
    ]);
  });

  it.each(['tracking_response_empty_status_detail.xml', 'tracking_response_missing_status_code.xml', 'tracking_response_multiple_results.xml'])(
    '%s → one update without events',
    (name) => {
      expect(summary(fedex(name))).toEqual([{ n: '123456789012', events: [] }]);
    },
  );

  it.each(['tracking_response_not_found.xml', 'tracking_response_invalid_tracking_number.xml'])('%s → notFound', (name) => {
    expect(fedex(name)).toEqual([{ trackingNumber: '123456789013', events: [], notFound: true }]);
  });

  it.each([
    ['tracking_response_bad_tracking_number.xml', 'PermanentCarrierError', 'FEDEX_5508'],
    ['tracking_response_failure_code_9080.xml', 'PermanentCarrierError', 'FEDEX_9080'],
    ['tracking_response_failure_code_9045.xml', 'TransientCarrierError', 'FEDEX_9045'],
    ['tracking_response_unable_to_process.xml', 'TransientCarrierError', 'FEDEX_6330'],
  ])('%s → %s %s', (name, errorName, code) => {
    expect(() => fedex(name)).toThrow(expect.objectContaining({ name: errorName, code }));
  });

  it('reads a SOAP-wrapped reply the same, and maps codes without throwing', () => {
    const bare = fixture('fedex-web-services-xml/tracking_response_in_transit.xml').replace(/^<\?xml[^>]*>/, '');
    const soap = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${bare.replace('<TrackReply', '<v7:TrackReply xmlns:v7="http://fedex.com/ws/track/v7"').replace('</TrackReply>', '</v7:TrackReply>')}</soapenv:Body></soapenv:Envelope>`;
    expect(mapFedexTrackV7Body(soap)).toEqual(fedex('tracking_response_in_transit.xml'));
    expect(mapFedexV7Event('OF')).toEqual({ status: 'in_transit' }); // origin facility, not out for delivery
    expect(mapFedexV7Event('CA')).toEqual({ status: 'exception', subStatus: 'cancelled' });
    expect(mapFedexV7Event('ZZ')).toEqual({ status: 'unknown' });
  });
});

describe('USPS Web Tools TrackV2', () => {
  it('batch: summary then details, local times without offset, not-found item, duplicate item skipped', () => {
    expect(summary(usps('tracking_response_batch.xml'))).toEqual([
      {
        n: '9102901000462189604217',
        eta: '2015-04-28',
        events: [
          'delivered@2015-04-28T09:01:00[01]',
          'out_for_delivery@2015-04-28T08:29:00[OF]',
          'in_transit@2015-04-28T08:19:00[PC]',
          'in_transit@2015-04-28T07:03:00[07]',
          'in_transit@2015-04-28T04:05:00[EF]',
          'in_transit@2015-04-27T16:04:00[10]',
          'in_transit@2015-04-26T00:18:00[EF]',
          'in_transit@2015-04-25T19:19:00[10]',
          'in_transit@2015-04-25T18:04:00[OA]',
          'label_created@2015-04-23T23:36:00[GX]',
        ],
      },
      { n: '5555555555555555555555', eta: '2015-04-28', events: ['delivered@2015-04-28T09:01:00[01]', 'label_created@2015-04-23T23:36:00[GX]'] },
      { n: '9405510ee200828613653750', notFound: true, events: [] },
    ]);
    expect(usps('tracking_response_batch.xml')[0]?.events[0]).toMatchObject({
      description: 'Delivered, In/At Mailbox',
      location: { city: 'HANNA CITY', region: 'IL', postalCode: '61536' },
    });
  });

  it('altered sample (parsing only): the detail without a date is dropped', () => {
    expect(summary(usps('tracking_response_alt.xml'))).toEqual([{ n: '9102901000462189604217', events: ['out_for_delivery@2015-04-28T08:29:00[OF]'] }]);
  });

  it.each([
    ['tracking_response_failure.xml', '9102901000462189604217'],
    ['tracking_response_not_available.xml', '9574211957289221353248'],
  ])('%s → notFound', (name, n) => {
    expect(usps(name)).toEqual([{ trackingNumber: n, events: [], notFound: true }]);
  });

  it.each([
    ['tracking_response_test_error.xml', 'USPS_-2147219040'],
    ['invalid_xml_tracking_response_error.xml', 'USPS_-2147219067'],
  ])('%s → PermanentCarrierError %s', (name, code) => {
    expect(() => usps(name)).toThrow(expect.objectContaining({ name: 'PermanentCarrierError', code }));
  });

  it('reads US long dates and 12-hour clocks', () => {
    expect(usLongDateToIso('April 28, 2015')).toBe('2015-04-28');
    expect(usLongDateToIso('Smarch 1, 2015')).toBeUndefined();
    expect(usClockTo24h('12:18 am')).toBe('00:18:00');
    expect(usClockTo24h('12:05 pm')).toBe('12:05:00');
    expect(usClockTo24h('4:04 pm')).toBe('16:04:00');
    expect(usClockTo24h('13:00 pm')).toBeUndefined();
  });
});
