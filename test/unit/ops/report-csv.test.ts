import { describe, expect, it } from 'vitest';
import { csvField, renderReportCsv, toCsv } from '../../../src/services/reports/csv.js';
import { foldReport } from '../../../src/services/reports/fold-report.js';
import { dayKey } from '../../../src/services/reports/group-keys.js';
import { promiseDeadline } from '../../../src/services/reports/promise-deadline.js';

describe('CSV rendering', () => {
  it('quotes fields with comma, quote, CR or LF per RFC 4180 and leaves plain ones bare', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });
  it('guards cells that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
  });
  it('writes numbers as numbers (negative ones unguarded) and null as n/a', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0.6667)).toBe('0.6667');
    expect(csvField(null)).toBe('n/a');
    expect(csvField(Number.NaN)).toBe('n/a');
  });
  it('joins records with CRLF, ending with one', () => {
    expect(toCsv([['a', 1], ['b,c', null]])).toBe('a,1\r\n"b,c",n/a\r\n');
  });
  it('renders a report: header, a row per group, a total row', () => {
    const { groups, total } = foldReport(
      {
        orders: [{ code: 'X', carrierId: '=evil', placedAt: Date.UTC(2026, 0, 1), status: 'delivered', deliveredAt: Date.UTC(2026, 0, 2) }],
        shipments: [],
        statusChanges: [],
        notifications: [],
        feedback: [],
      },
      'carrier',
      Date.UTC(2026, 0, 3),
    );
    const csv = renderReportCsv({ from: '', to: '', groupBy: 'carrier', asOf: '', groups, total });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'carrier,orders,in_flight,delivered,avg_placed_to_delivered_h,median_placed_to_delivered_h,avg_handoff_to_delivered_h,median_handoff_to_delivered_h,delivered_with_promise,on_time_rate,delayed,delivered_late,open_past_promise,exceptions,returns,email_sent,email_failed,sms_sent,sms_failed,push_sent,push_failed,avg_rating,ratings',
    );
    expect(lines[1]).toBe("'=evil,1,0,1,24,24,n/a,n/a,0,n/a,0,0,0,0,0,0,0,0,0,0,0,n/a,0");
    expect(lines[2]).toMatch(/^total,1,/);
    expect(lines).toHaveLength(4);
  });
});

describe('report helpers', () => {
  it('median of an even count is the mean of the middle two', () => {
    const order = (code: string, hours: number) => ({ code, carrierId: 'c', placedAt: 0, status: 'delivered', deliveredAt: hours * 3_600_000 });
    const { total } = foldReport({ orders: [order('a', 10), order('b', 1), order('c', 4), order('d', 100)], shipments: [], statusChanges: [], notifications: [], feedback: [] }, 'day', 0);
    expect(total.medianPlacedToDeliveredHours).toBe(7);
    expect(total.avgPlacedToDeliveredHours).toBe(28.75);
  });
  it('UTC days', () => {
    expect(dayKey(Date.parse('2026-11-08T23:59:59Z'))).toBe('2026-11-08');
  });
  it('a promised date lasts to the end of that day; `latest` wins; nothing readable is n/a', () => {
    expect(promiseDeadline({ date: '2026-11-04' })).toBe(Date.parse('2026-11-05T00:00:00Z'));
    expect(promiseDeadline({ date: '2026-11-04', latest: '2026-11-04T18:00:00Z' })).toBe(Date.parse('2026-11-04T18:00:00Z'));
    expect(promiseDeadline({ latest: 'soon' })).toBeUndefined();
    expect(promiseDeadline(undefined)).toBeUndefined();
  });
});
